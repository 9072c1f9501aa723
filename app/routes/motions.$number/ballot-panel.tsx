// Each ballot on the motion: what was asked, under which rule, who could vote, how many did, the
// counts and the result in words. Secret ballots show only turnout until they close, and never
// a name beside a choice; recorded ballots publish who voted how once they close.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { outcomeLabels, ruleLabels } from "../../../server/domain/ballot-outcome";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { FormErrors, RadioGroup, SubmitButton } from "~/components/form";
import { When } from "~/components/when";
import type { FormReply } from "~/lib/forms.server";
import { plural } from "~/lib/format";
import { ballotRefSchema, intents, messagesOf, replyFor, voteFormSchema, validateTiming } from "./form-schemas";
import { OpenBallotForm } from "./open-ballot-form";
import type { PageData } from "./route";

type BallotData = PageData["ballots"][number];

const kindText = {
  recorded: "Recorded vote: how each member voted is published when voting closes. Members can change their vote until then.",
  secret: "Secret ballot: only the totals are published. Nobody, not even the chair, can see how anyone voted.",
} as const;

/** The result in one plain sentence, with the numbers that decided it. */
export function explainResult(b: BallotData): string {
  const votedLine = `${b.turnout} of ${plural(b.eligible, "member")} voted; ${b.quorum} ${b.quorum === 1 ? "was" : "were"} needed.`;
  if (b.outcome === "no_quorum" || !b.counts) {
    return `${votedLine} Not enough members voted for the result to count, so the motion went back to where it was.`;
  }
  const { for: yes, against: no } = b.counts;
  const numbers = `For ${yes}, against ${no}`;
  if (b.rule === "two_thirds") {
    return b.outcome === "carried"
      ? `${votedLine} ${numbers}: at least two thirds of those who voted for or against supported it.`
      : `${votedLine} ${numbers}: fewer than two thirds of those who voted for or against supported it.`;
  }
  if (b.outcome === "carried") return `${votedLine} ${numbers}: a simple majority for the motion.`;
  if (yes === no) return `${votedLine} ${numbers}: a tie, and a tie keeps things as they are, so the motion falls.`;
  return `${votedLine} ${numbers}: more members voted against than for.`;
}

function Facts({ b }: { b: BallotData }) {
  return (
    <table className="facts">
      <caption className="visually-hidden">About this vote</caption>
      <tbody>
        <tr>
          <th scope="row">Kind</th>
          <td>{kindText[b.kind]}</td>
        </tr>
        <tr>
          <th scope="row">Majority needed</th>
          <td>{ruleLabels[b.rule]}</td>
        </tr>
        <tr>
          <th scope="row">Opened</th>
          <td>
            <When at={b.openedAt} withTime />
          </td>
        </tr>
        {b.status === "open" && b.closesAt ? (
          <tr>
            <th scope="row">Closes</th>
            <td>
              <When at={b.closesAt} withTime />
            </td>
          </tr>
        ) : null}
        {b.closedAt ? (
          <tr>
            <th scope="row">Closed</th>
            <td>
              <When at={b.closedAt} withTime />
              {b.mode === "online" ? (b.closedByChair ? " (closed early by the chair)" : " (at its set time)") : null}
            </td>
          </tr>
        ) : null}
        <tr>
          <th scope="row">Members who could vote</th>
          <td>{b.eligible}</td>
        </tr>
        <tr>
          <th scope="row">Quorum</th>
          <td>{plural(b.quorum, "vote")} needed for the result to count (abstentions count)</td>
        </tr>
        <tr>
          <th scope="row">Turnout</th>
          <td>
            {b.turnout} of {plural(b.eligible, "member")} {b.status === "open" ? "so far" : ""}
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function Counts({ b }: { b: BallotData }) {
  if (!b.counts) {
    return (
      <p>
        This is a secret ballot, so only the number of votes cast is shown until voting closes:{" "}
        <strong>{plural(b.turnout, "vote")} so far</strong>.
      </p>
    );
  }
  return (
    <table className="counts">
      <caption>{b.status === "open" ? "Votes so far" : "Votes cast"}</caption>
      <thead>
        <tr>
          <th scope="col">Choice</th>
          <th scope="col" className="num">
            Votes
          </th>
        </tr>
      </thead>
      <tbody>
        {(["for", "against", "abstain"] as const).map((c) => (
          <tr key={c}>
            <th scope="row">{choiceLabels[c]}</th>
            <td className="num">{b.counts![c]}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Total</th>
          <td className="num">{b.turnout}</td>
        </tr>
      </tbody>
    </table>
  );
}

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
  return (
    <Form method="post" {...getFormProps(form)} className="vote-form">
      <input type="hidden" name="intent" value={intents.vote} />
      <input type="hidden" name="ballotId" value={b.id} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <RadioGroup
        meta={fields.choice}
        legend={current ? "Change your vote" : "How do you vote?"}
        hint={
          b.kind === "secret"
            ? "A secret vote cannot be changed once it is cast."
            : "You can change your vote until voting closes."
        }
        options={(["for", "against", "abstain"] as const).map((c) => ({ value: c, label: choiceLabels[c] }))}
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

function BallotCard({ b, title, page, reply }: { b: BallotData; title: string; page: PageData; reply: FormReply | undefined }) {
  const open = b.status === "open";
  const showVoteForm = open && page.can.vote;
  // When there is no form to show them beside (closed, or a secret vote already cast), refusals show here.
  const formShown = showVoteForm && !(b.kind === "secret" && b.mine.voted);
  const voteErrors = formShown ? [] : messagesOf(replyFor(reply, intents.vote, { field: "ballotId", id: b.id }));
  return (
    <section className="panel ballot" aria-labelledby={`ballot-${b.id}`} id={`ballot-${b.id}-panel`}>
      <h3 id={`ballot-${b.id}`}>{title}</h3>
      <p>{b.question}</p>
      {!open && b.outcome ? (
        <div className={`result ${b.outcome === "carried" ? "notice" : "warning"}`}>
          <p>
            <strong>Result: {outcomeLabels[b.outcome]}.</strong> {explainResult(b)}
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
      <Counts b={b} />
      <Facts b={b} />
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
  const newestFirst = [...page.ballots].reverse();
  const several = page.ballots.length > 1;
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
        const n = page.ballots.indexOf(b) + 1;
        const when = b.status === "open" ? "voting is open now" : "voting has closed";
        const title = several ? `Ballot ${n}: ${when}` : `${when[0].toUpperCase()}${when.slice(1)}`;
        return <BallotCard key={b.id} b={b} title={title} page={page} reply={reply} />;
      })}
      {page.can.openBallot ? <OpenBallotForm reply={reply} defaultClosesAt={defaultClosesAt} /> : null}
    </section>
  );
}
