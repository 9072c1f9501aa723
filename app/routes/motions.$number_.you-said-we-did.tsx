// "You said, we did": one carried motion's whole story on one public page, in the order it
// happened: what members asked for, how they voted, what the commissioners answered (every
// version), what became of each promise, what members made of the answer, and where it stands.
// Written to be read, shared and printed by anyone, signed in or not.
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom, json } from "@remix-run/node";
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { isMotionNumber } from "../../server/domain/motion-number";
import { responseClock } from "../../server/domain/response-clock";
import { positionLabels } from "../../server/domain/schemas/response";
import { ErrorPage } from "~/components/error-page";
import { ResponseTag } from "~/components/status-tag";
import { When, useTimeZone } from "~/components/when";
import { formatDate, plural } from "~/lib/format";
import { notFound } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import styles from "./motions.$number/accountability.css";
import { missingMotion } from "./motions.$number/actions.server";
import { ActionItem, actionsSummary } from "./motions.$number/actions-panel";
import { explainResult } from "~/components/ballot-results";
import { Counts, Facts } from "./motions.$number/ballot-facts";
import { HoldingReplyList, timeliness } from "./motions.$number/response-panel";
import { verdictResult } from "./motions.$number/verdict-wording";
import { VersionChanges } from "./motions.$number/word-diff";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const number = params.number ?? "";
  const story = isMotionNumber(number) ? await context.services.read.youSaidWeDid(number) : null;
  if (!story) notFound(missingMotion(number));
  if (story.motion.status !== "carried") {
    throw json(
      { message: "This motion was not carried, so there is nothing to answer yet.", motionPath: `/motions/${number}` },
      { status: 404 },
    );
  }
  return json({ story, now: context.services.clock.now() });
}

type Story = SerializeFrom<typeof loader>["story"];
type ResponseData = Story["responses"][number];
type VerdictData = Story["verdicts"][number];

const positionLabel = (p: string) => positionLabels[p as keyof typeof positionLabels] ?? p;

/** The response a verdict judged: the latest one published before the verdict ballot opened. */
function judgedBy(story: Story, v: VerdictData): ResponseData | undefined {
  return [...story.responses].reverse().find((r) => r.publishedAt <= v.openedAt);
}

/** When the revised response asked for by a verdict of "not adequate" was (or is) due. */
function revisionDueAt(story: Story, v: VerdictData): number | null {
  const judged = judgedBy(story, v);
  const next = judged ? story.responses.find((r) => r.version === judged.version + 1) : undefined;
  if (next) return next.dueAt;
  const m = story.motion;
  // A record closed while members were voting asked for nothing more.
  if (m.response_status === "closed" && m.closed_at !== null && v.closedAt !== null && m.closed_at <= v.closedAt) return null;
  return m.response_due_at;
}

function TheVote({ story }: { story: Story }) {
  const deciding = [...story.decision].reverse().find((b) => b.outcome === "carried");
  return (
    <section id="vote" aria-labelledby="vote-heading" className="story-section">
      <h2 id="vote-heading">2. The vote</h2>
      {deciding ? (
        <>
          <div className="notice">
            <p>
              <strong>Carried</strong>
              {story.motion.decided_at ? (
                <>
                  {" "}
                  on <When at={story.motion.decided_at} />
                </>
              ) : null}
              . {explainResult(deciding)}
            </p>
          </div>
          <Counts b={deciding} />
          <Facts b={deciding} />
        </>
      ) : (
        <p>
          The motion was carried
          {story.motion.decided_at ? (
            <>
              {" "}
              on <When at={story.motion.decided_at} />
            </>
          ) : null}
          .
        </p>
      )}
    </section>
  );
}

function ResponseArticle({ r, previous, story, latest }: { r: ResponseData; previous?: ResponseData; story: Story; latest: boolean }) {
  return (
    <article className="panel" aria-labelledby={`story-response-${r.version}`}>
      <h3 id={`story-response-${r.version}`}>
        {latest ? "" : "Earlier: "}
        {positionLabels[r.position]}
        {story.responses.length > 1 ? ` (response ${r.version}${latest ? ", the latest" : ", replaced"})` : ""}
      </h3>
      <div className="panel wash">
        <p className="prose">
          <strong>In short:</strong> {r.summary}
        </p>
      </div>
      <p className="prose">{r.reasons}</p>
      <p className="meta">
        Published by {r.publishedBy} for {story.motion.body_name} on <When at={r.publishedAt} />. {timeliness(r.publishedAt, r.dueAt)}
      </p>
      {latest && previous ? <VersionChanges previous={previous} current={r} positionLabel={positionLabel} /> : null}
    </article>
  );
}

function TheResponse({ story }: { story: Story }) {
  const newestFirst = [...story.responses].reverse();
  const byVersion = new Map(story.responses.map((r) => [r.version, r]));
  return (
    <section id="answer" aria-labelledby="answer-heading" className="story-section">
      <h2 id="answer-heading">3. We said: the response from {story.motion.body_name}</h2>
      {story.holdingReplies.length ? (
        <>
          <h3>Holding replies</h3>
          <p className="hint">A holding reply explains a delay. The clock keeps running: it does not change the due date.</p>
          <HoldingReplyList replies={story.holdingReplies} />
        </>
      ) : null}
      {newestFirst.length ? (
        newestFirst.map((r, i) => (
          <ResponseArticle key={r.id} r={r} previous={byVersion.get(r.version - 1)} story={story} latest={i === 0} />
        ))
      ) : (
        <p className="empty">No response has been published yet.</p>
      )}
    </section>
  );
}

function TheActions({ story, now }: { story: Story; now: number }) {
  const owed = story.motion.response_status !== "closed";
  const versionOf = new Map(story.responses.map((r) => [r.id, r.version]));
  return (
    <section id="promises" aria-labelledby="promises-heading" className="story-section">
      <h2 id="promises-heading">4. We did: the actions and their progress</h2>
      {story.actions.length ? (
        <>
          <p>{actionsSummary(story.actions, now, owed)}</p>
          <ol className="plain-list action-list">
            {story.actions.map((a, i) => (
              <ActionItem
                key={a.id}
                action={a}
                n={i + 1}
                now={now}
                owed={owed}
                promisedIn={story.responses.length > 1 ? versionOf.get(a.responseId) : undefined}
                updatesAsList
              />
            ))}
          </ol>
        </>
      ) : (
        <p className="empty">{story.responses.length ? "The response promised no actions." : "Nothing has been promised yet."}</p>
      )}
    </section>
  );
}

function TheVerdicts({ story }: { story: Story }) {
  const timeZone = useTimeZone();
  return (
    <section id="verdicts" aria-labelledby="verdicts-heading" className="story-section">
      <h2 id="verdicts-heading">5. Members&apos; verdict: was the response adequate?</h2>
      {story.verdicts.length ? (
        <ol className="plain-list">
          {[...story.verdicts].reverse().map((v) => {
            const judged = judgedBy(story, v);
            const due = revisionDueAt(story, v);
            const result = verdictResult(v, due === null ? null : formatDate(due, timeZone));
            return (
              <li key={v.id} className="panel">
                <p>
                  <strong>On response {judged?.version ?? "?"}:</strong>{" "}
                  {result ? `${result.headline}.` : "members are voting now."}
                </p>
                {result ? <p>{result.sentence}</p> : null}
                <p className="meta">
                  Voting opened <When at={v.openedAt} />
                  {v.closedAt ? (
                    <>
                      {" "}
                      and closed <When at={v.closedAt} />
                    </>
                  ) : null}
                  .
                </p>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="empty">Members have not put a response to a verdict vote.</p>
      )}
    </section>
  );
}

function WhereItStands({ story, now }: { story: Story; now: number }) {
  const m = story.motion;
  const clock = m.response_due_at !== null ? responseClock(m.response_due_at, now) : null;
  const clockText =
    clock?.state === "overdue"
      ? clock.daysOverdue === 0
        ? "It is overdue by less than a day."
        : `It is overdue by ${plural(clock.daysOverdue, "day")}.`
      : clock
        ? clock.daysLeft === 0
          ? "It is due today."
          : `${plural(clock.daysLeft, "day")} left.`
        : "";
  return (
    <section id="now" aria-labelledby="now-heading" className="story-section">
      <h2 id="now-heading">6. Where it stands now</h2>
      {m.response_status === "closed" ? (
        <p>
          <strong>The record is closed.</strong> Closed on {m.closed_at ? <When at={m.closed_at} /> : "a date not recorded"}
          {m.closed_reason ? `: ${m.closed_reason}` : "."}
        </p>
      ) : m.response_status === "awaiting" ? (
        <p>
          <strong>Waiting for the response.</strong> {m.body_name} must respond by{" "}
          {m.response_due_at ? <When at={m.response_due_at} /> : "a date not set"}. {clockText}
        </p>
      ) : m.response_status === "revision_requested" ? (
        <p>
          <strong>Revision requested.</strong> Members judged the response not adequate. {m.body_name} must publish a
          revised response by {m.response_due_at ? <When at={m.response_due_at} /> : "a date not set"}. {clockText}
        </p>
      ) : (
        <p>
          <strong>Answered.</strong> The record stays open while promised actions are under way; it closes when every
          action is done or dropped, or when the chair closes it.
        </p>
      )}
    </section>
  );
}

export default function YouSaidWeDid() {
  const { story, now } = useLoaderData<typeof loader>();
  const m = story.motion;
  return (
    <article className="story">
      <header>
        <h1>
          You said, we did: <span className="number">{m.number}</span> {m.title}
        </h1>
        <p className="tags">
          {m.response_status ? (
            <ResponseTag status={m.response_status} overdue={m.response_due_at !== null && now > m.response_due_at} />
          ) : null}
        </p>
        <p className="lead">
          The whole story of this motion on one page: what members asked for, how they voted, what{" "}
          <Link to={`/bodies/${m.body_slug}`}>{m.body_name}</Link> answered, and what has been done since.
        </p>
        <p className="meta no-print">
          The <Link to={`/motions/${m.number}`}>motion&apos;s own page</Link> has the discussion and every step of the
          public record.
        </p>
      </header>
      <section id="motion" aria-labelledby="motion-heading" className="story-section">
        <h2 id="motion-heading">1. You said: the motion</h2>
        {m.summary ? (
          <div className="panel wash">
            <p className="prose">
              <strong>In short:</strong> {m.summary}
            </p>
          </div>
        ) : null}
        <div className="motion-text">{m.text}</div>
      </section>
      <TheVote story={story} />
      <TheResponse story={story} />
      <TheActions story={story} now={now} />
      <TheVerdicts story={story} />
      <WhereItStands story={story} now={now} />
    </article>
  );
}

export function ErrorBoundary() {
  // A motion that exists but was not carried gets a way to it, beside the plain message.
  const error = useRouteError();
  const motionPath = isRouteErrorResponse(error) ? (error.data as { motionPath?: string } | null)?.motionPath : undefined;
  return (
    <>
      <ErrorPage />
      {motionPath ? (
        <p>
          <Link to={motionPath}>Read the motion and where it stands</Link>
        </p>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  if (!data) return pageTitle(matches, "You said, we did");
  const { motion } = data.story;
  return pageTitle(
    matches,
    `You said, we did: ${motion.number}`,
    `What members asked for in ${motion.number}, what ${motion.body_name} answered, and what has been done since.`,
  );
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
