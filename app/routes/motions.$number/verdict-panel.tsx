// Members' verdict on a response: "Is this response adequate?" How many members have asked for
// the vote (and whether this member has), the chair's form to put the question directly, and
// each verdict ballot, labelled for what it is and worded from its counts.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors, SubmitButton, TextField } from "~/components/form";
import { useTimeZone } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { BallotCard } from "./ballot-panel";
import { intents, messagesOf, openVerdictSchema, replyFor, responseRefSchema, validateTiming } from "./form-schemas";
import type { PageData } from "./route";

function RequestVerdictForm({ responseId, reply }: { responseId: number; reply: FormReply | undefined }) {
  const [form] = useForm({
    id: "request-verdict",
    lastResult: replyFor(reply, intents.requestVerdict),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: responseRefSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intents.requestVerdict} />
      <input type="hidden" name="responseId" value={responseId} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <p className="hint">Asking is not voting. It says you think members should vote on whether this response is adequate.</p>
      <SubmitButton intent={intents.requestVerdict} variant="secondary" pendingText="Asking…">
        Ask for a verdict vote
      </SubmitButton>
    </Form>
  );
}

function OpenVerdictForm({ responseId, reply, defaultClosesAt }: { responseId: number; reply: FormReply | undefined; defaultClosesAt: string }) {
  const timeZone = useTimeZone();
  const lastResult = replyFor(reply, intents.openVerdict);
  const [form, fields] = useForm<z.input<typeof openVerdictSchema>>({
    id: "open-verdict",
    lastResult,
    defaultValue: { closesAt: defaultClosesAt },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openVerdictSchema }),
    ...validateTiming,
  });
  return (
    <details className="panel" open={lastResult?.error ? true : undefined}>
      <summary>Put this response to members&apos; verdict</summary>
      <p>
        Every member can then vote, in a secret ballot, on whether the response is adequate. If more vote against than
        for, the commissioners must publish a revised response.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.openVerdict} />
        <input type="hidden" name="responseId" value={responseId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField
          meta={fields.closesAt}
          type="datetime-local"
          label="When does voting close?"
          hint={`A week from now is filled in. Times are in the parliament's time zone (${timeZone}). Between 10 minutes and 60 days from now.`}
        />
        <SubmitButton intent={intents.openVerdict} pendingText="Opening the vote…">
          Put it to members&apos; verdict
        </SubmitButton>
      </Form>
    </details>
  );
}

/** When a verdict of inadequate asked for a revised response, from the record of it. */
function revisionDueAtFor(page: PageData, ballotId: number): number | null {
  const entry = page.timeline.find((e) => e.type === "response.revision_requested" && e.payload.ballot_id === ballotId);
  return typeof entry?.payload.due_at === "number" ? entry.payload.due_at : null;
}

function Status({ page, needed }: { page: PageData; needed: number }) {
  const v = page.verdict;
  const m = page.motion;
  if (!v) return null;
  const latest = v.ballot;
  if (latest?.status === "open") return <p>Members are voting now on whether response {v.version} is adequate.</p>;
  if (m.response_status === "revision_requested") {
    return <p>Members judged response {v.version} not adequate. The revised response will be open to members&apos; verdict in turn.</p>;
  }
  if (m.response_status === "closed") {
    return <p>This record is closed, so its response can no longer be put to members&apos; verdict.</p>;
  }
  if (latest && latest.outcome !== "no_quorum") return <p>Members have given their verdict on response {v.version}; it is shown below.</p>;
  return (
    <>
      <p>
        <strong>
          {v.requests} of {plural(needed, "member")} {v.requests === 1 ? "has" : "have"} asked for a verdict vote
        </strong>{" "}
        on response {v.version}.
      </p>
      {v.requestedByViewer ? <p>You have asked for a verdict vote on this response. Thank you.</p> : null}
    </>
  );
}

export function VerdictSection({
  page,
  reply,
  needed,
  defaultClosesAt,
}: {
  page: PageData;
  reply: FormReply | undefined;
  /** members who must ask before the vote opens by itself (a standing order) */
  needed: number;
  defaultClosesAt: string;
}) {
  const v = page.verdict;
  if (!v) return null;
  const verdictBallots = page.ballots.filter((b) => b.purpose === "verdict").reverse();
  const versionOf = new Map(page.responses.map((r) => [r.id, r.version]));
  return (
    <section id="verdict" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading">Members&apos; verdict</h2>
      <p>
        Is this response adequate? If {plural(needed, "member")} ask, or the chair decides, every member can vote on it. If
        more vote that it is not adequate than that it is, {page.body.name} must publish a revised response with a new
        deadline.
      </p>
      <Status page={page} needed={needed} />
      {page.can.requestVerdict ? (
        <RequestVerdictForm responseId={v.responseId} reply={reply} />
      ) : (
        <FormErrors id="request-verdict-errors" errors={messagesOf(replyFor(reply, intents.requestVerdict))} />
      )}
      {page.can.openVerdict ? (
        <OpenVerdictForm responseId={v.responseId} reply={reply} defaultClosesAt={defaultClosesAt} />
      ) : (
        <FormErrors id="open-verdict-errors" errors={messagesOf(replyFor(reply, intents.openVerdict))} />
      )}
      {verdictBallots.map((b) => {
        const version = b.responseId ? versionOf.get(b.responseId) : undefined;
        const when = b.status === "open" ? "voting is open now" : "voting has closed";
        return (
          <BallotCard
            key={b.id}
            b={b}
            title={version ? `Verdict on response ${version}: ${when}` : `Verdict: ${when}`}
            page={page}
            reply={reply}
            revisionDueAt={revisionDueAtFor(page, b.id)}
          />
        );
      })}
    </section>
  );
}
