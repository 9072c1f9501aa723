// "You said, we did" for the whole parliament: how each commissioning body answers carried
// motions, what it promised, and everything now overdue. Public, and the same for everyone.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActionsFigure, type BodyFigures, ResponsesFigure, periodText } from "~/components/accountability-chart";
import { ErrorPage } from "~/components/error-page";
import { OVERDUE_PAGE, OVERDUE_PER_PAGE, OverdueList } from "~/components/overdue-list";
import { pageTitle } from "~/lib/meta";
import { pageOf } from "~/lib/paging";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { bodies, overdue } = await context.services.read.accountability();
  return json({ bodies, overdue: pageOf(overdue, request.url, OVERDUE_PER_PAGE, OVERDUE_PAGE) });
}

/** What each figure means, in plain words, with each body's response period. */
function FigureNotes({ bodies }: { bodies: BodyFigures[] }) {
  return (
    <dl className="figure-notes">
      <dt>Motions addressed</dt>
      <dd>Published motions that name the body as the one to act, whatever happened to them since.</dd>
      <dt>Carried</dt>
      <dd>
        Motions the parliament voted for. The body must answer each one in public within its response period, counted from the
        day of the vote:{" "}
        {bodies.map((b, i) => (
          <span key={b.slug}>
            {i > 0 ? (i === bodies.length - 1 ? " and " : ", ") : null}
            <Link to={`/bodies/${b.slug}`}>{b.name}</Link> has {periodText(b.responsePeriodDays)}
          </span>
        ))}
        .
      </dd>
      <dt>Answered on time, answered late</dt>
      <dd>
        On time means the body’s first response was published by its due date; late means it came after. A holding reply
        explaining a delay does not stop the clock.
      </dd>
      <dt>Outstanding, overdue</dt>
      <dd>
        Carried motions still waiting for an answer, including those where members judged the answer inadequate and asked for a
        revised one (these count once for the first answer and again while the revision is awaited). Overdue ones are past
        their due date.
      </dd>
      <dt>Median days to respond</dt>
      <dd>The typical time from the vote to the first response: half of the responses came sooner than this, half later.</dd>
      <dt>Actions: done, in progress, overdue, dropped</dt>
      <dd>
        What the body promised to do in its responses. In progress means planned or under way and not yet past its due date;
        overdue means neither done nor dropped by its due date; dropped actions come with the body’s reason, on the motion’s
        page. Actions on a record the chair has closed no longer count as owed.
      </dd>
    </dl>
  );
}

const notesCss = `
.figure-notes dt { font-weight: 600; margin-top: 0.75rem; }
.figure-notes dd { margin: 0.15rem 0 0; }
`;

export default function Accountability() {
  const { bodies, overdue } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>You said, we did</h1>
      <p className="lead">
        When this parliament carries a motion, the commissioning body it is addressed to must answer in public by a set date,
        and report on what it promised. This page shows how each body is keeping to that. Every figure links back to the
        motions behind it.
      </p>
      {bodies.length === 0 ? (
        <p className="empty">
          No commissioning bodies have been set up yet. Once the parliament&apos;s admins add them, and members carry motions
          addressed to them, their record will appear here.
        </p>
      ) : (
        <>
          <nav aria-label="On this page" className="meta">
            On this page: <a href="#responses">Responses</a> · <a href="#actions">Promised actions</a> ·{" "}
            <a href="#overdue">{`Overdue now (${overdue.total})`}</a> · <a href="#meaning">What the figures mean</a> ·{" "}
            <a href="#bodies">The bodies</a>
          </nav>

          <section aria-labelledby="responses">
            <h2 id="responses">Responses to carried motions</h2>
            <p>
              For each body: how many of its carried motions it answered on time or late, and how many are still waiting for an
              answer. The table under the chart gives the same figures.
            </p>
            <ResponsesFigure bodies={bodies} prefix="all" />
          </section>

          <section aria-labelledby="actions">
            <h2 id="actions">Promised actions</h2>
            <p>What each body said it would do in its responses, and how far it has got.</p>
            <ActionsFigure bodies={bodies} prefix="all" />
          </section>

          <section aria-labelledby="overdue">
            <h2 id="overdue">Overdue now</h2>
            <p>Responses and actions past their due date, the longest wait first.</p>
            <OverdueList list={overdue} empty="Nothing is overdue at the moment: every body is answering and delivering on time." />
          </section>

          <section aria-labelledby="meaning">
            <h2 id="meaning">What the figures mean</h2>
            <FigureNotes bodies={bodies} />
            <style dangerouslySetInnerHTML={{ __html: notesCss }} />
          </section>

          <section aria-labelledby="bodies">
            <h2 id="bodies">The bodies</h2>
            <ul className="motion-list">
              {bodies.map((b) => (
                <li key={b.slug}>
                  <h3>
                    <Link to={`/bodies/${b.slug}`}>{b.name}</Link>
                  </h3>
                  {b.description ? <p className="list-summary">{b.description}</p> : null}
                  <p className="meta">
                    Answers within {periodText(b.responsePeriodDays)} · {b.addressed === 1 ? "1 motion" : `${b.addressed} motions`}{" "}
                    addressed to it
                  </p>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(
    matches,
    "You said, we did: accountability",
    "How each commissioning body answers the parliament's carried motions, what it promised, and what is overdue.",
  );
