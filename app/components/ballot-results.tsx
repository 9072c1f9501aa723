// How any ballot's kind, counts and result read, wherever it shows: the motion page, the live
// sitting, its minutes and the "you said, we did" page. One wording, so a vote reads the same
// on every page that tells of it.
import { choiceLabels } from "../../server/domain/schemas/ballot";
import type { Ballot } from "../../db/schema";
import { plural } from "~/lib/format";

type Choice = "for" | "against" | "abstain";

export const ballotKinds = {
  recorded: {
    name: "Recorded vote",
    hint: "How each member voted is published when voting closes. Members can change their vote until then.",
  },
  secret: {
    name: "Secret ballot",
    hint: "Only the totals are published. Nobody, not even the chair, can see how anyone voted, and a vote cannot be changed.",
  },
} as const;

export interface BallotResultFacts {
  rule: Ballot["rule"];
  outcome: Ballot["outcome"];
  eligible: number;
  quorum: number;
  turnout: number;
  counts: { for: number; against: number; abstain: number } | null;
}

/**
 * The result in one plain sentence, with the numbers that decided it. Without quorum, an online
 * ballot sends the motion back to where it was; in a sitting, debate goes on.
 */
export function explainResult(b: BallotResultFacts, where: "online" | "sitting" = "online"): string {
  const voted = `${b.turnout} of ${plural(b.eligible, "member")} voted; ${b.quorum} ${b.quorum === 1 ? "was" : "were"} needed for quorum.`;
  if (b.outcome === "no_quorum" || !b.counts) {
    const then = where === "sitting" ? "so debate continues" : "so the motion went back to where it was";
    return `${voted} Not enough members voted for the result to count, ${then}.`;
  }
  const { for: yes, against: no, abstain } = b.counts;
  const numbers = `For ${yes}, against ${no}, abstentions ${abstain}`;
  if (b.rule === "two_thirds") {
    return b.outcome === "carried"
      ? `${voted} ${numbers}: at least two thirds of those who voted for or against supported it.`
      : `${voted} ${numbers}: fewer than two thirds of those who voted for or against supported it.`;
  }
  if (b.outcome === "carried") return `${voted} ${numbers}: a simple majority for the motion.`;
  if (yes === no) return `${voted} ${numbers}: a tie keeps things as they are, so the motion falls.`;
  return `${voted} ${numbers}: more members voted against than for.`;
}

/**
 * The counts as a table; a secret ballot shows only how many have voted until it closes.
 * `names` words the choices for a question that is not a motion (a members' verdict).
 */
export function VoteCounts({
  b,
  open,
  names = choiceLabels,
}: {
  b: { turnout: number; counts: { for: number; against: number; abstain: number } | null };
  open: boolean;
  names?: Record<Choice, string>;
}) {
  if (!b.counts) {
    return (
      <p className="counts-secret">
        This is a secret ballot, so only the number of votes cast shows until voting closes:{" "}
        <strong>{plural(b.turnout, "vote")} so far</strong>.
      </p>
    );
  }
  return (
    <table className="counts">
      <caption>{open ? "Votes so far" : "Votes cast"}</caption>
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
            <th scope="row">{names[c]}</th>
            <td className="num" data-choice={c}>
              {b.counts![c]}
            </td>
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
