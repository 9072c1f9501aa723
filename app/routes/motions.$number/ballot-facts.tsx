// The facts of a ballot, as tables: what kind, which majority, when, who could vote, how many
// did, and the counts. Shared by the motion page and the "you said, we did" page.
import type { Ballot } from "../../../db/schema";
import { ruleLabels } from "../../../server/domain/ballot-outcome";
import { choiceLabels } from "../../../server/domain/schemas/ballot";
import { When } from "~/components/when";
import { plural } from "~/lib/format";

/** What these tables need of a ballot: the motion page's and the story page's views both fit. */
export interface BallotFacts {
  kind: Ballot["kind"];
  rule: Ballot["rule"];
  mode: Ballot["mode"];
  status: Ballot["status"];
  outcome: Ballot["outcome"];
  openedAt: number;
  closesAt: number | null;
  closedAt: number | null;
  closedByChair: boolean;
  eligible: number;
  quorum: number;
  turnout: number;
  counts: { for: number; against: number; abstain: number } | null;
}

const kindText = {
  recorded: "Recorded vote: how each member voted is published when voting closes. Members can change their vote until then.",
  secret: "Secret ballot: only the totals are published. Nobody, not even the chair, can see how anyone voted.",
} as const;

/** The result in one plain sentence, with the numbers that decided it. */
export function explainResult(b: BallotFacts): string {
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

/** A verdict asks "Is the response adequate?": a revised response needs more against than for. */
const verdictRule = "More votes against than for, to ask for a revised response. A tie leaves the response standing.";
const verdictChoices = { for: "For (adequate)", against: "Against (not adequate)", abstain: "Abstain" } as const;

export function Facts({ b, verdict = false }: { b: BallotFacts; verdict?: boolean }) {
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
          <td>{verdict ? verdictRule : ruleLabels[b.rule]}</td>
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

export function Counts({ b, verdict = false }: { b: BallotFacts; verdict?: boolean }) {
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
            <th scope="row">{verdict ? verdictChoices[c] : choiceLabels[c]}</th>
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
