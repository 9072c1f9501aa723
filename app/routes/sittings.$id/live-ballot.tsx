// The live ballot on the item in debate: what is asked, under which rule, how many have voted,
// the counts (only turnout while a secret ballot is open), the member's vote, and the chair's
// open and close. After it closes, the result in words with the numbers that decided it.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useSubmit } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import { outcomeLabels, ruleLabels } from "../../../server/domain/ballot-outcome";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { type BallotResultFacts, ballotKinds, explainResult, VoteCounts } from "~/components/ballot-results";
import { FormErrors, RadioGroup, SubmitButton } from "~/components/form";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { sendCommand } from "~/lib/live";
import { type FormsOnPage, formKey } from "./forms-on-page";
import { intents, liveBallotSchema, replyFor, validateTiming, voteFormSchema } from "./form-schemas";
import type { LiveSitting, LiveState } from "./use-live-sitting";

export type BallotData = LiveState["items"][number]["ballots"][number];

/** The result, said as a sitting says it: without quorum, debate continues. */
export const resultSentence = (b: BallotResultFacts) => explainResult(b, "sitting");

export function BallotFacts({ b }: { b: BallotData }) {
  return (
    <dl className="facts-list">
      <div>
        <dt>Kind</dt>
        <dd>
          {ballotKinds[b.kind].name}. {ballotKinds[b.kind].hint}
        </dd>
      </div>
      <div>
        <dt>Majority needed</dt>
        <dd>{ruleLabels[b.rule]}</dd>
      </div>
      <div>
        <dt>Quorum</dt>
        <dd>
          {plural(b.quorum, "vote")} of {plural(b.eligible, "member")} (abstentions count)
        </dd>
      </div>
      <div>
        <dt>Turnout</dt>
        <dd className="turnout">
          {plural(b.turnout, "vote")} cast{b.status === "open" ? " so far" : ""}
        </dd>
      </div>
    </dl>
  );
}

function VoteForm({ b, live, reply }: { b: BallotData; live: LiveSitting; reply: FormReply | undefined }) {
  const submit = useSubmit();
  const [liveError, setLiveError] = useState<string | null>(null);
  const current = b.kind === "recorded" ? b.mine.choice : null;
  const [form, fields] = useForm<z.input<typeof voteFormSchema>>({
    id: `vote-${b.id}`,
    lastResult: replyFor(reply, intents.vote, { field: "ballotId", id: b.id }),
    defaultValue: { choice: current ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: voteFormSchema }),
    ...validateTiming,
    onSubmit(event, { formData }) {
      if (!live.connected) return;
      event.preventDefault();
      const element = event.currentTarget;
      const choice = formData.get("choice") as "for" | "against" | "abstain";
      void sendCommand("vote:cast", { ballotId: b.id, choice }).then((ack) => {
        if (ack === null) return submit(element, { method: "post" });
        if (!ack.ok) return setLiveError(ack.error.message);
        setLiveError(null);
        live.ownVote(b.id, { voted: true, choice: b.kind === "recorded" ? choice : null });
      });
    },
  });
  const errors = liveError ? [liveError] : form.errors;
  return (
    <Form method="post" {...getFormProps(form)} className="vote-form" aria-describedby={errors?.length ? form.errorId : undefined}>
      <input type="hidden" name="intent" value={intents.vote} />
      <input type="hidden" name="ballotId" value={b.id} />
      <FormErrors id={form.errorId} errors={errors} />
      <RadioGroup
        meta={fields.choice}
        legend={current ? "Change your vote" : "How do you vote?"}
        hint={b.kind === "secret" ? "A secret vote cannot be changed once it is cast." : "You can change your vote until voting closes."}
        options={(["for", "against", "abstain"] as const).map((c) => ({ value: c, label: choiceLabels[c] }))}
        inline
      />
      <SubmitButton intent={intents.vote} pendingText="Sending your vote…">
        {current ? "Change my vote" : "Cast my vote"}
      </SubmitButton>
    </Form>
  );
}

function CloseBallotForm({ itemId, reply }: { itemId: number; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.closeBallot);
  return (
    <details className="confirm" open={lastResult?.error ? true : undefined}>
      <summary>Close voting…</summary>
      <p>Closing counts the votes cast so far and publishes the result. Members who have not voted will not be able to. This cannot be undone.</p>
      <Form method="post" id="close-ballot">
        <input type="hidden" name="intent" value={intents.closeBallot} />
        <input type="hidden" name="itemId" value={itemId} />
        <FormErrors id="close-ballot-errors" errors={Object.values(lastResult?.error ?? {}).flat() as string[]} />
        <SubmitButton intent={intents.closeBallot} variant="danger" pendingText="Closing…">
          Close voting now
        </SubmitButton>
      </Form>
    </details>
  );
}

export function OpenBallotForm({ itemId, reply }: { itemId: number; reply: FormReply | undefined }) {
  const [form, fields] = useForm<z.input<typeof liveBallotSchema>>({
    id: "open-ballot",
    lastResult: replyFor(reply, intents.openBallot),
    defaultValue: { kind: "recorded", rule: "simple" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: liveBallotSchema }),
    ...validateTiming,
  });
  return (
    <details className="confirm" open={form.errors?.length || fields.kind.errors?.length || fields.rule.errors?.length ? true : undefined}>
      <summary>Put this motion to a vote…</summary>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.openBallot} />
        <input type="hidden" name="itemId" value={itemId} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <RadioGroup
          meta={fields.kind}
          legend="What kind of vote?"
          options={[
            { value: "recorded", label: `${ballotKinds.recorded.name}.`, hint: ballotKinds.recorded.hint },
            { value: "secret", label: `${ballotKinds.secret.name}.`, hint: ballotKinds.secret.hint },
          ]}
        />
        <RadioGroup
          meta={fields.rule}
          legend="What majority does the motion need to pass?"
          options={[
            { value: "simple", label: ruleLabels.simple },
            { value: "two_thirds", label: ruleLabels.two_thirds },
          ]}
        />
        <SubmitButton intent={intents.openBallot} pendingText="Opening the vote…">
          Open the vote
        </SubmitButton>
      </Form>
    </details>
  );
}

export function LiveBallot({
  b,
  itemId,
  live,
  forms,
  reply,
}: {
  b: BallotData;
  itemId: number;
  live: LiveSitting;
  forms: FormsOnPage;
  reply: FormReply | undefined;
}) {
  const secretDone = b.kind === "secret" && b.mine.voted;
  return (
    <section id="ballot" aria-labelledby="ballot-heading" className="panel ballot">
      <h3 id="ballot-heading">Voting is open</h3>
      <p>{b.question}</p>
      {b.kind === "recorded" && b.mine.choice ? (
        <p className="your-vote">
          <strong>Your vote: {choiceLabels[b.mine.choice]}</strong>. You can change it until voting closes.
        </p>
      ) : null}
      {secretDone ? (
        <p className="your-vote">
          <strong>You have voted.</strong> Your choice is secret and cannot be changed.
        </p>
      ) : null}
      {forms.has(formKey(intents.vote, b.id)) ? <VoteForm key={b.id} b={b} live={live} reply={reply} /> : null}
      <VoteCounts b={b} open={b.status === "open"} />
      <BallotFacts b={b} />
      {forms.has(formKey(intents.closeBallot, itemId)) ? <CloseBallotForm itemId={itemId} reply={reply} /> : null}
    </section>
  );
}

export function BallotResult({ b, number }: { b: BallotData; number: string }) {
  return (
    <section id="result" aria-labelledby="result-heading" className="panel ballot">
      <h3 id="result-heading">
        Result on {number}: {b.outcome ? outcomeLabels[b.outcome] : "Closed"}
      </h3>
      <div className={`result ${b.outcome === "carried" ? "notice" : "warning"}`}>
        <p>{resultSentence(b)}</p>
      </div>
      {b.kind === "recorded" && b.mine.choice ? (
        <p className="your-vote">
          <strong>Your vote: {choiceLabels[b.mine.choice]}</strong>.
        </p>
      ) : null}
      {b.kind === "secret" && b.mine.voted ? <p className="your-vote">You voted in this secret ballot.</p> : null}
      <VoteCounts b={b} open={b.status === "open"} />
      <BallotFacts b={b} />
      {b.kind === "recorded" ? (
        // The roll is on the motion's record, not here: this panel goes live to everyone in the room.
        <p>
          <Link to={`/motions/${number}#ballot-${b.id}`}>How each member voted, on the record of {number}</Link>
        </p>
      ) : null}
    </section>
  );
}
