import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ClockText } from "~/components/clock-text";
import { ErrorPage } from "~/components/error-page";
import { MotionList } from "~/components/motion-list";
import { When } from "~/components/when";
import { pageTitle } from "~/lib/meta";
import { responseClock } from "../../server/domain/response-clock";
import { SittingStatusTag, WhereAndWhen } from "./sittings.$id/sitting-summary";

const UPCOMING_SITTINGS = 3;

export async function loader({ context }: LoaderFunctionArgs) {
  const [home, sittings] = await Promise.all([context.services.read.home(), context.services.read.sittings()]);
  const now = context.services.clock.now();
  return json({
    ...home,
    responsesDue: home.responsesDue.map((m) => ({
      ...m,
      clock: m.responseDueAt === null ? null : responseClock(m.responseDueAt, now),
    })),
    upcomingSittings: sittings.upcoming.slice(0, UPCOMING_SITTINGS),
    now,
    role: context.actor?.role ?? null,
    parliamentName: context.parliamentName,
  });
}

function TakePart({ role }: { role: string | null }) {
  if (role === "member") {
    return (
      <section className="panel wash" aria-labelledby="take-part">
        <h2 id="take-part">Is there something you want to change?</h2>
        <p>Write a motion saying what should happen and why it matters. You can save it as a draft first.</p>
        <p className="actions">
          <Link to="/motions/new" className="button primary">
            Raise a motion
          </Link>
          <Link to="/my-motions">See my motions</Link>
        </p>
      </section>
    );
  }
  if (role === "commissioner") {
    return (
      <section className="panel wash" aria-labelledby="take-part">
        <h2 id="take-part">Answering motions</h2>
        <p>
          Carried motions addressed to your body are listed under “Responses due”. Open one to publish your response
          and the actions you commit to.
        </p>
      </section>
    );
  }
  if (role === null) {
    return (
      <section className="panel wash" aria-labelledby="take-part">
        <h2 id="take-part">How to take part</h2>
        <p>
          Anyone can read the motions, debates, votes and answers here, without an account. Membership is by
          invitation: if you have lived experience of mental ill-health, or care for someone who does, ask the
          parliament&apos;s organisers for an invitation.
        </p>
        <p>
          Already a member? <Link to="/login">Sign in</Link> to raise, second and vote on motions.
        </p>
      </section>
    );
  }
  return null;
}

function UpcomingSittings({ sittings }: { sittings: ReturnType<typeof useLoaderData<typeof loader>>["upcomingSittings"] }) {
  return (
    <section aria-labelledby="upcoming-sittings">
      <h2 id="upcoming-sittings">Upcoming sittings</h2>
      {sittings.length ? (
        <ul className="motion-list">
          {sittings.map((s) => (
            <li key={s.id}>
              <h3>
                <Link to={`/sittings/${s.id}`}>{s.title}</Link>
              </h3>
              <p className="meta">
                <SittingStatusTag status={s.status} /> <WhereAndWhen sitting={s} />
              </p>
              {s.agenda.length ? (
                <ol aria-label={`Agenda of ${s.title}`}>
                  {s.agenda.map((a) => (
                    <li key={a.itemId}>
                      <Link to={`/motions/${a.number}`}>
                        <span className="number">{a.number}</span> {a.title}
                      </Link>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="meta">The agenda is not set yet.</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No sittings are planned at the moment. When the chair schedules one, it will appear here.</p>
      )}
      <Link to="/sittings">All sittings and past minutes</Link>
    </section>
  );
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{data.parliamentName}</h1>
      <p className="lead">
        Here, people with lived experience of mental ill-health, carers and allies raise motions about local mental
        health services, talk them through together and vote on them. When a motion is carried, the commissioners who
        fund those services answer in public, so everyone can see what they promised and whether it happened.
      </p>
      <TakePart role={data.role} />
      <UpcomingSittings sittings={data.upcomingSittings} />

      <section aria-labelledby="voting-now">
        <h2 id="voting-now">Votes open now</h2>
        <MotionList
          motions={data.votingNow}
          headingLevel={3}
          now={data.now}
          detail={(m) => (
            <p>
              {m.closesAt ? (
                <>
                  Voting closes <When at={m.closesAt} withTime />
                </>
              ) : (
                "Voting is open in the sitting; the chair closes it"
              )}
              {m.ballotKind ? ` · ${m.ballotKind === "secret" ? "secret ballot" : "recorded vote"}` : null}
            </p>
          )}
          empty={<p>No votes are open right now. When the chair opens a vote, it will appear here.</p>}
        />
        {data.votingNow.length ? <Link to="/motions?status=voting">All motions being voted on</Link> : null}
      </section>

      <section aria-labelledby="open-for-seconding">
        <h2 id="open-for-seconding">Open for seconding</h2>
        <p className="hint">
          A motion goes forward to debate and a vote once enough members, other than the proposer, second it.
        </p>
        <MotionList
          motions={data.openForSeconding}
          headingLevel={3}
          now={data.now}
          detail={(m) => (
            <p>
              {m.seconds} of {m.secondersRequired} seconders so far
              {m.lapsesAt ? (
                <>
                  {" "}
                  · lapses on <When at={m.lapsesAt} /> if not seconded by then
                </>
              ) : null}
            </p>
          )}
          empty={<p>No motions are waiting for seconders at the moment.</p>}
        />
        {data.openForSeconding.length ? <Link to="/motions?status=open">All motions open for seconding</Link> : null}
      </section>

      <section aria-labelledby="recent-decisions">
        <h2 id="recent-decisions">Recent decisions</h2>
        <MotionList
          motions={data.recentDecisions}
          headingLevel={3}
          now={data.now}
          detail={(m) =>
            m.decidedAt ? (
              <p>
                {m.status === "carried" ? "Carried" : "Defeated"} on <When at={m.decidedAt} />
              </p>
            ) : null
          }
          empty={<p>Nothing has been decided yet. Carried and defeated motions will be listed here.</p>}
        />
        {data.recentDecisions.length ? (
          <p>
            See all <Link to="/motions?status=carried">carried motions</Link> or all{" "}
            <Link to="/motions?status=defeated">defeated motions</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="responses-due">
        <h2 id="responses-due">Responses due</h2>
        <p className="hint">
          Each carried motion must be answered in public by its commissioning body within that body&apos;s response
          period.
        </p>
        <MotionList
          motions={data.responsesDue}
          headingLevel={3}
          now={data.now}
          detail={(m) =>
            m.responseDueAt && m.clock ? (
              <p>
                <Link to={`/bodies/${m.bodySlug}`}>{m.bodyName}</Link> should respond by <When at={m.responseDueAt} />:{" "}
                <ClockText clock={m.clock} />
              </p>
            ) : null
          }
          empty={<p>No responses are owed right now. When a motion is carried, the deadline for its answer shows here.</p>}
        />
        {data.responsesDue.length ? <Link to="/motions?response=awaiting">All motions awaiting a response</Link> : null}
      </section>

      <section aria-labelledby="you-said-we-did">
        <h2 id="you-said-we-did">You said, we did</h2>
        <p>
          See how each commissioning body answers this parliament, what it promised and what it delivered, and anything overdue,
          on the <Link to="/accountability">accountability page</Link>.
        </p>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}

export const meta: MetaFunction = ({ matches }) =>
  pageTitle(
    matches,
    "Home",
    "Members with lived experience raise motions, deliberate and vote; commissioners answer in public.",
  );
