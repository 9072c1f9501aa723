// Sittings: the ones coming up or under way, soonest first, and past ones with their minutes,
// latest held first and dated by when they were held (a chair may open one early).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { plural } from "~/lib/format";
import { pageTitle } from "~/lib/meta";
import { HeldWhen, SittingStatusTag, WhereAndWhen } from "./sittings.$id/sitting-summary";

const pageUrl = (page: number) => (page > 1 ? `/sittings?page=${page}` : "/sittings");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const pageParam = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 1_000_000 ? pageParam : 1;
  const list = await context.services.read.sittings({ page });
  return json({ ...list, isChair: context.actor?.role === "chair" });
}

export default function Sittings() {
  const { upcoming, past, page, pageCount, isChair } = useLoaderData<typeof loader>();
  const beyondLastPage = page > pageCount;
  return (
    <>
      <h1>Sittings</h1>
      <p>
        In a sitting, members debate the motions on its agenda and vote on them, with the chair keeping order. Anyone
        can follow a sitting live from its page, and read the minutes afterwards.
      </p>
      {isChair ? (
        <p>
          <Link to="/sittings/new" className="button primary">
            Schedule a sitting
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming up and under way</h2>
        {upcoming.length ? (
          <ul className="motion-list">
            {upcoming.map((s) => (
              <li key={s.id}>
                <h3>
                  <Link to={`/sittings/${s.id}`}>{s.title}</Link>
                </h3>
                <p className="meta">
                  <SittingStatusTag status={s.status} /> <WhereAndWhen sitting={s} />
                </p>
                <p className="meta">{s.items ? `${plural(s.items, "motion")} on the agenda` : "Nothing on the agenda yet"}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">
            No sittings are planned at the moment.{isChair ? " Schedule one when there are seconded motions to debate." : " When the chair schedules one, it will appear here."}
          </p>
        )}
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">Past sittings</h2>
        {past.length ? (
          <ul className="motion-list">
            {past.map((s) => (
              <li key={s.id}>
                <h3>
                  <Link to={`/sittings/${s.id}#minutes`}>
                    {s.title}
                    <span className="visually-hidden">: minutes</span>
                  </Link>
                </h3>
                <p className="meta">
                  <HeldWhen sitting={s} />
                  {s.place ? ` · ${s.place}` : null} · {plural(s.items, "item")} · minutes published
                </p>
              </li>
            ))}
          </ul>
        ) : beyondLastPage ? (
          <p>
            There is no page {page}. <Link to={pageUrl(pageCount)}>Go to the last page (page {pageCount})</Link>.
          </p>
        ) : (
          <p className="empty">No sittings have been held yet. Their minutes will be listed here.</p>
        )}
        {pageCount > 1 ? (
          <nav className="pagination" aria-label="Pages of past sittings">
            {page > 1 && !beyondLastPage ? (
              <Link to={pageUrl(page - 1)} rel="prev">
                ← Newer sittings
              </Link>
            ) : null}
            <span>
              Page {Math.min(page, pageCount)} of {pageCount}
            </span>
            {page < pageCount ? (
              <Link to={pageUrl(page + 1)} rel="next">
                Older sittings →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data && data.pageCount > 1 && data.page <= data.pageCount ? `Sittings, page ${data.page} of ${data.pageCount}` : "Sittings");
