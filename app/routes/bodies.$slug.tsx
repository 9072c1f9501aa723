// One commissioning body's public page: who it is, how long it has to answer, its record, what
// it owes now, and every motion addressed to it with where its answer stands.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActionsFigure, ResponsesFigure, periodText } from "~/components/accountability-chart";
import { ResponseStanding } from "~/components/clock-text";
import { ErrorPage } from "~/components/error-page";
import { OVERDUE_PAGE, OVERDUE_PER_PAGE, OverdueList } from "~/components/overdue-list";
import { ResponseTag, StatusTag } from "~/components/status-tag";
import { When } from "~/components/when";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { pageOf, requestedPage } from "~/lib/paging";
import { isOverdue } from "../../server/domain/response-clock";

const PER_PAGE = 25;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const body = await context.services.read.bodyPage(params.slug ?? "", { page: requestedPage(request.url), perPage: PER_PAGE });
  if (!body) notFound("There is no commissioning body at this address. The accountability page lists every body.");
  return json({
    record: body.record,
    overdue: pageOf(body.overdue, request.url, OVERDUE_PER_PAGE, OVERDUE_PAGE),
    motions: body.motions,
    total: body.total,
    page: body.page,
    pages: body.pages,
    now: context.services.clock.now(),
  });
}

export default function BodyPage() {
  const { record, overdue, motions, total, page, pages, now } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{record.name}</h1>
      {record.description ? <p className="lead">{record.description}</p> : null}
      <dl className="body-facts">
        <div>
          <dt>Time to answer</dt>
          <dd>
            {periodText(record.responsePeriodDays)} from the vote. Every motion this parliament carries that is addressed to{" "}
            {record.name} must be answered in public within that time.
          </dd>
        </div>
        {record.contact ? (
          <div>
            <dt>Public contact</dt>
            <dd>{record.contact}</dd>
          </div>
        ) : null}
      </dl>
      <p>
        <Link to="/accountability">Compare every body on the accountability page</Link>, which also explains what each
        figure means.
      </p>

      <section aria-labelledby="responses">
        <h2 id="responses">Responses to carried motions</h2>
        <ResponsesFigure bodies={[record]} prefix="body" linkBodies={false} caption="Responses: the figures in the chart" />
      </section>

      <section aria-labelledby="actions">
        <h2 id="actions">Promised actions</h2>
        <ActionsFigure bodies={[record]} prefix="body" linkBodies={false} caption="Promised actions: the figures in the chart" />
      </section>

      <section aria-labelledby="overdue">
        <h2 id="overdue">Overdue now</h2>
        <OverdueList list={overdue} showBody={false} empty={`Nothing from ${record.name} is overdue at the moment.`} />
      </section>

      <section aria-labelledby="motions">
        <h2 id="motions">Motions addressed to {record.name}</h2>
        {total === 0 ? (
          <p className="empty">No published motion is addressed to {record.name} yet. When members raise one, it will be listed here.</p>
        ) : (
          <>
            <p className="meta">{total === 1 ? "1 motion" : `${total} motions`}, newest first.</p>
            <ul className="motion-list" aria-label={`Motions addressed to ${record.name}`}>
              {motions.map((m) => (
                <li key={m.number}>
                  <h3>
                    <Link to={`/motions/${m.number}`}>
                      <span className="number">{m.number}</span> {m.title}
                    </Link>
                  </h3>
                  <p className="meta">
                    <StatusTag status={m.status} />
                    {m.response_status ? (
                      <>
                        {" "}
                        <ResponseTag status={m.response_status} overdue={isOverdue(m.response_due_at, now)} />
                      </>
                    ) : null}
                    {m.decided_at ? (
                      <>
                        {" "}
                        Decided on <When at={m.decided_at} />
                      </>
                    ) : null}
                  </p>
                  {m.response_status ? (
                    <p>
                      <ResponseStanding motion={m} now={now} />
                      {m.response_status === "awaiting" || m.response_status === "revision_requested" ? (
                        m.response_due_at ? (
                          <>
                            {" "}
                            Due on <When at={m.response_due_at} />.
                          </>
                        ) : null
                      ) : m.closed_at ? (
                        <>
                          {" "}
                          Closed on <When at={m.closed_at} />.
                        </>
                      ) : null}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
            {pages > 1 ? (
              <nav className="pagination" aria-label="Pages of motions">
                {page > 1 ? <Link to={`?page=${page - 1}#motions`}>Newer motions</Link> : null}
                <span>
                  Page {page} of {pages}
                </span>
                {page < pages ? <Link to={`?page=${page + 1}#motions`}>Older motions</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
      <style dangerouslySetInnerHTML={{ __html: css }} />
    </>
  );
}

const css = `
.body-facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0 0 1rem; }
.body-facts > div { display: contents; }
.body-facts dt { font-weight: 600; }
.body-facts dd { margin: 0; }
@media (max-width: 40rem) { .body-facts { grid-template-columns: 1fr; gap: 0; } .body-facts dd { margin-bottom: 0.5rem; } }
`;

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, "Body not found");
  return pageTitle(matches, data.record.name, `How ${data.record.name} answers this parliament's motions, and what it promised.`);
};
