// A carried motion is owed a public answer by the body it was addressed to. This shows the
// clock (days left, or overdue), every response published, and the commissioner's form.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { responseClock } from "../../../server/domain/response-clock";
import { positionLabels } from "../../../server/domain/schemas/response";
import { FormErrors, RadioGroup, SubmitButton, TextArea } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { intents, messagesOf, replyFor, responseSchema, validateTiming } from "./form-schemas";
import type { PageData } from "./route";

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

/** How the first answer kept time against the original due date. */
function timeliness(publishedAt: number, dueAt: number | null): string | null {
  if (dueAt === null) return null;
  const clock = responseClock(dueAt, publishedAt);
  if (clock.state === "due") return "Published on time.";
  return clock.daysOverdue === 0 ? "Published less than a day late." : `Published ${plural(clock.daysOverdue, "day")} late.`;
}

function ResponseForm({ reply }: { reply: FormReply | undefined }) {
  const [form, fields] = useForm<z.input<typeof responseSchema>>({
    id: "respond",
    lastResult: replyFor(reply, intents.respond),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: responseSchema }),
    ...validateTiming,
  });
  return (
    <section className="panel" aria-labelledby="respond-heading">
      <h3 id="respond-heading">Publish your response</h3>
      <p>Your response is published at once, in public, and stays on the record.</p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.respond} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.position}
          legend="Your position"
          options={[
            { value: "accept", label: `${positionLabels.accept}.`, hint: "You will do what the motion asks." },
            { value: "accept_in_part", label: `${positionLabels.accept_in_part}.`, hint: "You will do some of what it asks." },
            { value: "decline", label: `${positionLabels.decline}.`, hint: "You will not do what it asks." },
          ]}
        />
        <TextArea
          meta={fields.reasons}
          label="Your reasons"
          hint="Explain your position in plain words: what you will do, and by when, or why not. At least 20 characters."
          rows={8}
        />
        <TextArea
          meta={fields.summary}
          label="Plain-language summary (optional)"
          hint="One or two short sentences for people who will not read the whole response."
          rows={3}
        />
        <SubmitButton intent={intents.respond} pendingText="Publishing…">
          Publish the response
        </SubmitButton>
      </Form>
    </section>
  );
}

export function ResponseSection({ page, reply, now }: { page: PageData; reply: FormReply | undefined; now: number }) {
  const m = page.motion;
  const waiting = m.response_status === "awaiting" || m.response_status === "revision_requested";
  const newestFirst = [...page.responses].reverse();
  return (
    <section id="response" aria-labelledby="response-heading">
      <h2 id="response-heading">The commissioner&apos;s response</h2>
      {m.response_due_at ? (
        <p>
          {page.body.name} {waiting ? "must respond" : "was asked to respond"} by <When at={m.response_due_at} />.
        </p>
      ) : null}
      {waiting && m.response_due_at ? <ClockLine dueAt={m.response_due_at} now={now} /> : null}
      {newestFirst.length === 0 ? <p className="empty">No response has been published yet.</p> : null}
      {newestFirst.map((r) => (
        <article key={r.id} className="panel response" aria-labelledby={`response-${r.version}`}>
          <h3 id={`response-${r.version}`}>
            {positionLabels[r.position]}
            {page.responses.length > 1 ? ` (response ${r.version}${r.version === page.responses.length ? ", the latest" : ""})` : ""}
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
            Published by {r.publishedBy} for {page.body.name} on <When at={r.publishedAt} />.{" "}
            {r.version === 1 ? timeliness(r.publishedAt, m.response_due_at) : null}
          </p>
        </article>
      ))}
      {page.can.respond ? (
        <ResponseForm reply={reply} />
      ) : (
        <FormErrors id="respond-errors" errors={messagesOf(replyFor(reply, intents.respond))} />
      )}
    </section>
  );
}
