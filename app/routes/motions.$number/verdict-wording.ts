// Members' verdict on a response, in words. The stored outcome of a verdict ballot is the
// outcome of the question "Is the response adequate?", and a tie is stored as "defeated"; but
// asking the commissioners to start again needs more votes against than for, so a tie leaves
// the response standing. The wording therefore follows the counts, as the ballot's settlement does.
import { plural } from "~/lib/format";

interface VerdictBallot {
  status: "open" | "closed";
  outcome: "carried" | "defeated" | "no_quorum" | null;
  counts: { for: number; against: number; abstain: number } | null;
  turnout: number;
  eligible: number;
  quorum: number;
}

export type VerdictKind = "adequate" | "inadequate" | "tied" | "no_quorum";

export function verdictKind(b: VerdictBallot): VerdictKind | null {
  if (b.status !== "closed" || !b.outcome) return null;
  if (b.outcome === "no_quorum" || !b.counts) return "no_quorum";
  if (b.counts.against > b.counts.for) return "inadequate";
  if (b.counts.for > b.counts.against) return "adequate";
  return "tied";
}

/** The question and what each choice means, for the ballot's own panel and its vote form. */
export const verdictQuestion = "Is the response adequate?";
export const verdictChoiceHints = {
  for: "Adequate: the response answers the motion well enough, and it stands.",
  against: "Not adequate: ask the commissioners for a revised response, with a new deadline.",
  abstain: "You take part (your vote counts towards the quorum) without choosing either.",
} as const;

/**
 * The result as a short headline ("Judged adequate") and a sentence with the numbers.
 * `revisionDueAt` is when the revised response is due (for a verdict of inadequate), or null
 * when the record had closed before the verdict, so no revision was asked for.
 */
export function verdictResult(
  b: VerdictBallot,
  revisionDueBy: string | null,
): { kind: VerdictKind; headline: string; sentence: string } | null {
  const kind = verdictKind(b);
  if (!kind) return null;
  const voted = `${b.turnout} of ${plural(b.eligible, "member")} voted; ${b.quorum} ${b.quorum === 1 ? "was" : "were"} needed.`;
  const c = b.counts;
  const numbers = c ? `Adequate ${c.for}, not adequate ${c.against}, abstain ${c.abstain}.` : "";
  switch (kind) {
    case "no_quorum":
      return {
        kind,
        headline: "No quorum",
        sentence: `${voted} Not enough members voted for the verdict to count, so the response stands and members may ask again.`,
      };
    case "adequate":
      return { kind, headline: "Judged adequate", sentence: `${numbers} ${voted} The response stands.` };
    case "tied":
      return {
        kind,
        headline: "Tied: the response stands",
        sentence: `${numbers} ${voted} Asking for a revised response needs more votes against than for, so the response stands.`,
      };
    case "inadequate":
      return {
        kind,
        headline: revisionDueBy ? `Judged inadequate: a revised response is due by ${revisionDueBy}` : "Judged inadequate",
        sentence: revisionDueBy
          ? `${numbers} ${voted} The commissioners must publish a revised response. The earlier one stays on the record.`
          : `${numbers} ${voted} The record had already closed, so no revised response was asked for.`,
      };
  }
}
