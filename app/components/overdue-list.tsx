// Everything a body owes past its date, longest wait first: late responses and late actions.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { overdueBy } from "./clock-text";
import { When } from "./when";

export interface OverdueEntry {
  kind: "response" | "action";
  bodyName: string;
  bodySlug: string;
  number: string;
  title: string;
  action: string | null;
  dueAt: number;
  daysOverdue: number;
}

export function OverdueList({ items, showBody = true, empty }: { items: OverdueEntry[]; showBody?: boolean; empty: ReactNode }) {
  if (!items.length) return <p className="empty">{empty}</p>;
  return (
    <ol className="motion-list overdue-list">
      {items.map((item) => (
        <li key={`${item.kind}-${item.number}-${item.action ?? ""}-${item.dueAt}`}>
          <p className="overdue-what">
            <span className="tag bad">{item.kind === "response" ? "Response overdue" : "Action overdue"}</span>{" "}
            <strong>{overdueBy(item.daysOverdue).replace(/^o/, "O")}</strong>: it was due on <When at={item.dueAt} />.
          </p>
          {item.action ? <p className="overdue-action">{`Promised: “${item.action}”`}</p> : null}
          <p>
            <Link to={`/motions/${item.number}`}>
              <span className="number">{item.number}</span> {item.title}
            </Link>
          </p>
          {showBody ? (
            <p className="meta">
              {item.kind === "response" ? "Owed by " : "Promised by "}
              <Link to={`/bodies/${item.bodySlug}`}>{item.bodyName}</Link>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
