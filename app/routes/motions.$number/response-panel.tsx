// A carried motion is owed a public answer by the body it was addressed to. This shows the
// clock (days left, or overdue), holding replies, every version of the response (newest first,
// with what changed), whether the record is closed, and the commissioner's and chair's forms.
import { Link } from "@remix-run/react";
import { responseClock } from "../../../server/domain/response-clock";
import { positionLabels } from "../../../server/domain/schemas/response";
import { FormErrors } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { CloseRecordForm } from "./close-record-form";
import { intents, messagesOf, replyFor } from "./form-schemas";
import { HoldingReplyForm } from "./holding-reply-form";
import { ResponseForm } from "./response-form";
import type { PageData } from "./route";
import { VersionChanges } from "./word-diff";

type ResponseData = PageData["responses"][number];

function ClockLine({ dueAt, now }: { dueAt: number; now: number }) {
  const clock = responseClock(dueAt, now);
  if (clock.state === "due") {
    return (
      <p>
        <strong>{clock.daysLeft === 0 ? "Due today." : `${plural(clock.daysLeft, "day")} left.`}</strong>
      </p>
    );
  }
  return (
    <div className="warning">
      <p>
        <strong>
          {clock.daysOverdue === 0 ? "Overdue: the answer was due less than a day ago." : `Overdue by ${plural(clock.daysOverdue, "day")}.`}
        </strong>
      </p>
    </div>
  );
}

/** How a version kept time against the deadline it answered. */
export function timeliness(publishedAt: number, dueAt: number | null): string | null {
  if (dueAt === null) return null;
  const clock = responseClock(dueAt, publishedAt);
  if (clock.state === "due") return "Published on time.";
  return clock.daysOverdue === 0 ? "Published less than a day late." : `Published late by ${plural(clock.daysOverdue, "day")}.`;
}

const positionLabel = (p: string) => positionLabels[p as keyof typeof positionLabels] ?? p;

function ResponseVersion({ r, previous, page }: { r: ResponseData; previous: ResponseData | undefined; page: PageData }) {
  const latest = r.version === page.responses.length;
  const several = page.responses.length > 1;
  return (
    <article className="panel response" aria-labelledby={`response-${r.version}`} id={`response-v${r.version}`}>
      <h3 id={`response-${r.version}`}>
        {positionLabels[r.position]}
        {several ? ` (response ${r.version}${latest ? ", the latest" : ", replaced"})` : ""}
      </h3>
      {r.summary ? (
        <div className="panel wash">
          <p className="prose">
            <strong>In short:</strong> {r.summary}
          </p>
        </div>
      ) : null}
      <p className="prose">{r.reasons}</p>
      <p className="meta">
        Published by {r.publishedBy} for {page.body.name} on <When at={r.publishedAt} />. {timeliness(r.publishedAt, r.dueAt)}
      </p>
      {previous ? <VersionChanges previous={previous} current={r} positionLabel={positionLabel} /> : null}
    </article>
  );
}

function HoldingReplies({ page }: { page: PageData }) {
  if (!page.holdingReplies.length) return null;
  return (
    <section aria-labelledby="holding-heading" className="holding-replies">
      <h3 id="holding-heading">Holding replies from {page.body.name}</h3>
      <p className="hint">A holding reply explains a delay. The clock keeps running: it does not change the due date.</p>
      <HoldingReplyList replies={page.holdingReplies} anchored />
    </section>
  );
}

/** Holding replies, newest first; on the motion page each can be linked to (#holding-<id>). */
export function HoldingReplyList({ replies, anchored = false }: { replies: PageData["holdingReplies"]; anchored?: boolean }) {
  return (
    <ol className="plain-list">
      {[...replies].reverse().map((h) => (
        <li key={h.id} id={anchored ? `holding-${h.id}` : undefined} className="panel wash">
          <p className="meta">
            Posted on <When at={h.publishedAt} />
          </p>
          <p className="prose">
            <strong>Why it is late:</strong> {h.reason}
          </p>
          <p>
            <strong>Now expected by:</strong> <When at={h.expectedAt} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** Where the record stands: closed (and why), or waiting for a revised response. */
function RecordState({ page }: { page: PageData }) {
  const m = page.motion;
  if (m.response_status === "closed") {
    return (
      <div className="notice record-closed">
        <p>
          <strong>This record is closed.</strong>{" "}
          {m.closed_at ? (
            <>
              Closed on <When at={m.closed_at} />
              {m.closed_reason ? `: ${m.closed_reason}` : "."}
            </>
          ) : null}
        </p>
      </div>
    );
  }
  if (m.response_status === "revision_requested") {
    return (
      <div className="warning">
        <p>
          <strong>Revision requested.</strong> Members judged the latest response not adequate. {page.body.name} must publish
          a revised response
          {m.response_due_at ? (
            <>
              {" "}
              by <When at={m.response_due_at} />
            </>
          ) : null}
          . The earlier response stays on the record below, and the revised one will be shown beside it with what changed.
        </p>
      </div>
    );
  }
  return null;
}

export function ResponseSection({ page, reply, now }: { page: PageData; reply: FormReply | undefined; now: number }) {
  const m = page.motion;
  const waiting = m.response_status === "awaiting" || m.response_status === "revision_requested";
  const revision = m.response_status === "revision_requested";
  const newestFirst = [...page.responses].reverse();
  const byVersion = new Map(page.responses.map((r) => [r.version, r]));
  return (
    <section id="response" aria-labelledby="response-heading">
      <h2 id="response-heading">The commissioner&apos;s response</h2>
      <RecordState page={page} />
      {m.response_due_at ? (
        <p>
          {page.body.name}{" "}
          {waiting
            ? revision
              ? "must publish a revised response"
              : "must respond"
            : page.responses.length > 1
              ? "was asked for a revised response"
              : "was asked to respond"}{" "}
          by{" "}
          <When at={m.response_due_at} />.
        </p>
      ) : null}
      {waiting && m.response_due_at ? <ClockLine dueAt={m.response_due_at} now={now} /> : null}
      {m.status === "carried" ? (
        <p>
          <Link to={`/motions/${m.number}/you-said-we-did`}>You said, we did: the whole story</Link> of this motion, from
          the vote to what was done, on one page.
        </p>
      ) : null}
      <HoldingReplies page={page} />
      {newestFirst.length === 0 ? <p className="empty">No response has been published yet.</p> : null}
      {newestFirst.map((r) => (
        <ResponseVersion key={r.id} r={r} previous={byVersion.get(r.version - 1)} page={page} />
      ))}
      {page.can.respond ? (
        <ResponseForm reply={reply} revision={revision} now={now} />
      ) : (
        <FormErrors id="respond-errors" errors={messagesOf(replyFor(reply, intents.respond))} />
      )}
      {page.can.holdingReply ? (
        <HoldingReplyForm key={page.holdingReplies.length} reply={reply} />
      ) : (
        <FormErrors id="holding-reply-errors" errors={messagesOf(replyFor(reply, intents.holdingReply))} />
      )}
      {page.can.closeRecord ? (
        <CloseRecordForm reply={reply} />
      ) : (
        <FormErrors id="close-record-errors" errors={messagesOf(replyFor(reply, intents.closeRecord))} />
      )}
    </section>
  );
}
