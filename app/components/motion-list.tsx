// A list of motion summaries: number, title, status, body and proposer, plus whatever the screen
// needs to say about each one (closing time, seconds so far, the response clock).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MotionStatus, ResponseStatus } from "../../db/schema";
import { isOverdue } from "../../server/domain/response-clock";
import { ResponseTag, StatusTag } from "./status-tag";

/** The fields a summary row shows; the loaders' rows have at least these. */
export interface MotionListItem {
  number: string;
  title: string;
  summary: string;
  status: MotionStatus;
  responseStatus: ResponseStatus | null;
  bodyName: string;
  proposerName: string;
  responseDueAt: number | null;
}

export function MotionList<T extends MotionListItem>({
  motions,
  headingLevel,
  now,
  detail,
  empty,
  label,
}: {
  motions: T[];
  /** the level that fits under the list's own heading, so headings stay in order */
  headingLevel: 2 | 3;
  /** from the loader, so "Response overdue" reads the same on server and browser */
  now: number;
  detail?: (motion: T) => ReactNode;
  empty: ReactNode;
  label?: string;
}) {
  if (!motions.length) return <div className="empty">{empty}</div>;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="motion-list" aria-label={label}>
      {motions.map((m) => (
        <li key={m.number}>
          <Heading>
            <Link to={`/motions/${m.number}`}>
              <span className="number">{m.number}</span> {m.title}
            </Link>
          </Heading>
          <p className="meta">
            <StatusTag status={m.status} />
            {m.responseStatus ? (
              <>
                {" "}
                <ResponseTag status={m.responseStatus} overdue={isOverdue(m.responseDueAt, now)} />
              </>
            ) : null}{" "}
            To {m.bodyName} · raised by {m.proposerName}
          </p>
          {m.summary ? <p className="list-summary">{m.summary}</p> : null}
          {detail ? <div className="meta">{detail(m)}</div> : null}
        </li>
      ))}
    </ul>
  );
}
