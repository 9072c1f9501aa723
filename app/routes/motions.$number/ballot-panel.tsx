// Each ballot on the motion: what was asked, under which rule, who could vote, how many did, the
// counts and the result in words. Secret ballots show only turnout until they close, and never
// a name beside a choice; recorded ballots publish who voted how once they close.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { outcomeLabels } from "../../../server/domain/ballot-outcome";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { FormErrors, RadioGroup, SubmitButton } from "~/components/form";
import { useTimeZone } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { formatDate } from "~/lib/format";
import { explainResult } from "~/components/ballot-results";
import { Counts, Facts } from "./ballot-facts";
import { ballotRefSchema, intents, messagesOf, replyFor, voteFormSchema, validateTiming } from "./form-schemas";
import { OpenBallotForm } from "./open-ballot-form";
import type { PageData } from "./route";
import { verdictChoiceHints, verdictQuestion, verdictResult } from "./verdict-wording";

type BallotData = PageData["ballots"][number];

function VoteForm({ b, reply }: { b: BallotData; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.vote, { field: "ballotId", id: b.id });
  const [form, fields] = useForm<z.input<typeof voteFormSchema>>({
    id: `vote-${b.id}`,
    lastResult,
    defaultValue: { choice: b.mine.choice ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: voteFormSchema }),
    ...validateTiming,
  });
  if (b.kind === "secret" && b.mine.voted) {
    return (
      <p className="your-vote">
        <strong>You have voted.</strong> Your choice is secret and cannot be changed.
      </p>
    );
  }
  const current = b.kind === "recorded" ? b.mine.choice : null;
  const verdict = b.purpose === "verdict";
  return (
    <Form method="post" {...getFormProps(form)} className="vote-form">
      <input type="hidden" name="intent" value={intents.vote} />
      <input type="hidden" name="ballotId" value={b.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <RadioGroup
        meta={fields.choice}
        legend={current ? "Change your vote" : verdict ? verdictQuestion : "How do you vote?"}
        hint={
          b.kind === "secret"
            ? "A secret vote cannot be changed once it is cast."
            : "You can change your vote until voting closes."
        }
        options={(["for", "against", "abstain"] as const).map((c) =>
          verdict ? { value: c, label: `${choiceLabels[c]}.`, hint: verdictChoiceHints[c] } : { value: c, label: choiceLabels[c] },
        )}
      />
      <SubmitButton intent={intents.vote} pendingText="Sending your vote…">
        {current ? "Change my vote" : "Cast my vote"}
      </SubmitButton>
    </Form>
  );
}

function CloseBallotForm({ b, reply }: { b: BallotData; reply: FormReply | undefined }) {
  const lastResult = replyFor(reply, intents.closeBallot, { field: "ballotId", id: b.id });
  const [form] = useForm({
    id: `close-ballot-${b.id}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ballotRefSchema }),
  });
  return (
    <details open={form.errors?.length ? true : undefined}>
      <summary>Close voting early</summary>
      <p>
        Closing now counts the votes cast so far and publishes the result. Members who have not voted will not be able
        to. This cannot be undone.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value={intents.closeBallot} />
        <input type="hidden" name="ballotId" value={b.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SubmitButton intent={intents.closeBallot} variant="danger" pendingText="Closing…">
          Close voting now
        </SubmitButton>
      </Form>
    </details>
  );
}

/** The result of a ballot as a headline and a sentence: a verdict is worded from its counts. */
function useResult(b: BallotData, revisionDueAt: number | null) {
  const timeZone = useTimeZone();
  if (b.status === "open" || !b.outcome) return null;
  if (b.purpose === "verdict") {
    const result = verdictResult(b, revisionDueAt === null ? null : formatDate(revisionDueAt, timeZone));
    return result ? { headline: result.headline, sentence: result.sentence, good: result.kind === "adequate" } : null;
  }
  return { headline: outcomeLabels[b.outcome], sentence: explainResult(b), good: b.outcome === "carried" };
}

export function BallotCard({
  b,
  title,
  page,
  reply,
  revisionDueAt = null,
}: {
  b: BallotData;
  title: string;
  page: PageData;
  reply: FormReply | undefined;
  /** a verdict of inadequate: when the revised response is due (null if none was asked for) */
  revisionDueAt?: number | null;
}) {
  const open = b.status === "open";
  const result = useResult(b, revisionDueAt);
  const showVoteForm = open && page.can.vote;
  // When there is no form to show them beside (closed, or a secret vote already cast), refusals show here.
  const formShown = showVoteForm && !(b.kind === "secret" && b.mine.voted);
  const voteErrors = formShown ? [] : messagesOf(replyFor(reply, intents.vote, { field: "ballotId", id: b.id }));
  return (
    <section className="panel ballot" aria-labelledby={`ballot-${b.id}`} id={`ballot-${b.id}-panel`}>
      <h3 id={`ballot-${b.id}`}>{title}</h3>
      {b.purpose === "verdict" ? (
        <>
          <p>
            <strong>{verdictQuestion}</strong> Members judge the commissioners&apos; response.
          </p>
          <ul>
            <li>
              <strong>For</strong> means adequate: the response stands.
            </li>
            <li>
              <strong>Against</strong> means not adequate: the commissioners are asked for a revised response, with a new
              deadline. That needs more votes against than for.
            </li>
          </ul>
        </>
      ) : (
        <p>{b.question}</p>
      )}
      {result ? (
        <div className={`result ${result.good ? "notice" : "warning"}`}>
          <p>
            <strong>Result: {result.headline}.</strong> {result.sentence}
          </p>
        </div>
      ) : null}
      <FormErrors id={`vote-${b.id}-errors`} errors={voteErrors} />
      {b.kind === "recorded" && b.mine.choice ? (
        <p className="your-vote">
          <strong>Your vote: {choiceLabels[b.mine.choice]}</strong>
          {open ? ". You can change it until voting closes." : "."}
        </p>
      ) : null}
      {b.kind === "secret" && b.mine.voted && !showVoteForm ? <p className="your-vote">You voted in this secret ballot.</p> : null}
      {showVoteForm ? <VoteForm key={`${b.id}-${b.mine.choice ?? ""}-${b.mine.voted}`} b={b} reply={reply} /> : null}
      <Counts b={b} verdict={b.purpose === "verdict"} />
      <Facts b={b} verdict={b.purpose === "verdict"} />
      {b.kind === "recorded" && !open ? (
        <>
          <h4>How each member voted</h4>
          {b.roll.length ? (
            <table className="roll">
              <caption className="visually-hidden">How each member voted</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Vote</th>
                </tr>
              </thead>
              <tbody>
                {b.roll.map((v, i) => (
                  <tr key={`${v.name}-${i}`}>
                    <td>{v.name}</td>
                    <td>{choiceLabels[v.choice]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="empty">Nobody voted in this ballot.</p>
          )}
        </>
      ) : null}
      {open && page.can.closeBallot ? <CloseBallotForm b={b} reply={reply} /> : null}
    </section>
  );
}

export function BallotSection({
  page,
  reply,
  defaultClosesAt,
}: {
  page: PageData;
  reply: FormReply | undefined;
  defaultClosesAt: string;
}) {
  const motionBallots = page.ballots.filter((b) => b.purpose === "motion");
  const newestFirst = [...motionBallots].reverse();
  const several = motionBallots.length > 1;
  const ballotReply = reply && (reply.intent === intents.vote || reply.intent === intents.closeBallot) ? reply : undefined;
  // A form whose ballot id was missing or garbled matches no card; its message shows here instead.
  const stray =
    ballotReply && !page.ballots.some((b) => String(b.id) === String(ballotReply.result.initialValue?.ballotId ?? ""))
      ? messagesOf(ballotReply.result)
      : [];
  return (
    <section id="voting" aria-labelledby="voting-heading">
      <h2 id="voting-heading">Voting</h2>
      <FormErrors id="voting-errors" errors={stray} />
      {newestFirst.map((b) => {
        const n = motionBallots.indexOf(b) + 1;
        const when = b.status === "open" ? "voting is open now" : "voting has closed";
        const title = several ? `Ballot ${n}: ${when}` : `${when[0].toUpperCase()}${when.slice(1)}`;
        return <BallotCard key={b.id} b={b} title={title} page={page} reply={reply} />;
      })}
      {page.can.openBallot ? <OpenBallotForm reply={reply} defaultClosesAt={defaultClosesAt} /> : null}
    </section>
  );
}
