// Everything a body owes past its date, longest wait first: late responses and late actions.
import { Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { overdueBy } from "./clock-text";
import type { Paged } from "~/lib/paging";
import { When } from "./when";

/** A big parliament can owe thousands of things at once: the list comes a page at a time. */
export const OVERDUE_PER_PAGE = 50;
/** The address parameter for the list's page (the body page has its own `page`, for motions). */
export const OVERDUE_PAGE = "overdue-page";

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

export function OverdueList({ list, showBody = true, empty }: { list: Paged<OverdueEntry>; showBody?: boolean; empty: ReactNode }) {
  const { items, page, pages, total } = list;
  const location = useLocation();
  if (!items.length) return <p className="empty">{empty}</p>;
  const pageLink = (to: number) => {
    const params = new URLSearchParams(location.search);
    params.set(OVERDUE_PAGE, String(to));
    return `?${params}#overdue`;
  };
  const first = (page - 1) * OVERDUE_PER_PAGE + 1;
  return (
    <>
      {pages > 1 ? (
        <p className="meta">{`${first}–${first + items.length - 1} of ${total}, the longest wait first.`}</p>
      ) : null}
      <ol className="motion-list overdue-list" start={first}>
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
      {pages > 1 ? (
        <nav className="pagination" aria-label="Pages of overdue items">
          {page > 1 ? <Link to={pageLink(page - 1)}>Longer waits</Link> : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? <Link to={pageLink(page + 1)}>Shorter waits</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
