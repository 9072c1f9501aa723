// Outcomes are computed, never typed in. Pure, so the same rules hold for online ballots,
// live ballots and anything that re-checks a stored result.
import type { BallotOutcome, MajorityRule } from "../../db/schema";

export interface Counts {
  for: number;
  against: number;
  abstain: number;
}

export interface OutcomeInput {
  counts: Counts;
  quorum: number;
  rule: MajorityRule;
  /** Only when the parliament enables the chair's casting vote; otherwise a tie falls. */
  castingVote?: "for" | "against";
}

export function turnout(counts: Counts): number {
  return counts.for + counts.against + counts.abstain;
}

export function computeOutcome({ counts, quorum, rule, castingVote }: OutcomeInput): BallotOutcome {
  // Abstentions count towards quorum (they are votes cast) but not towards the majority.
  if (turnout(counts) < quorum) return "no_quorum";
  const decisive = counts.for + counts.against;
  if (rule === "two_thirds") {
    // for >= 2/3 of (for + against), in integers so no rounding can tip it.
    return decisive > 0 && 3 * counts.for >= 2 * decisive ? "carried" : "defeated";
  }
  if (counts.for > counts.against) return "carried";
  if (counts.for < counts.against) return "defeated";
  // A tie keeps the status quo unless a casting vote is given.
  return castingVote === "for" ? "carried" : "defeated";
}

/** Quorum as a number of votes, from a percentage of the members eligible when the ballot opens. */
export function quorumFor(eligible: number, percent: number): number {
  return Math.max(1, Math.ceil((eligible * percent) / 100));
}

export const outcomeLabels: Record<BallotOutcome, string> = {
  carried: "Carried",
  defeated: "Defeated",
  no_quorum: "No quorum",
};

export const ruleLabels: Record<MajorityRule, string> = {
  simple: "Simple majority (more for than against)",
  two_thirds: "Two-thirds majority (at least two thirds of for and against)",
};
