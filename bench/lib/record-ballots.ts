// A ballot as the services would have left it: eligible count and quorum fixed at opening from
// the members who had joined by then, counts that produce the planned outcome under the
// application's own rule (checked with computeOutcome), one row per voter, and an audit entry
// per vote (with the voter for recorded ballots, without for secret ones).
import type { BallotOutcome, Choice, MajorityRule } from "../../db/schema";
import { computeOutcome, quorumFor } from "../../server/domain/ballot-outcome";
import { MINUTE_MS } from "../../server/domain/time";
import type { BallotPlan } from "./record-plan";
import { type World, membersAt } from "./record-world";

export interface BallotSpec {
  motionId: number;
  purpose: "motion" | "verdict";
  question: string;
  plan: BallotPlan;
  openedBy: string;
  closedBy: string | null;
  returnStatus: string;
  sittingId?: number;
  agendaItemId?: number;
  responseId?: number;
}

function countsFor(world: World, outcome: BallotOutcome | null, rule: MajorityRule, quorum: number, eligible: number) {
  const { rng } = world;
  if (outcome === null) {
    const turnout = rng.int(0, Math.min(eligible, Math.ceil(quorum * 1.3)));
    const f = rng.int(0, turnout);
    const a = rng.int(0, turnout - f);
    return { for: f, against: a, abstain: turnout - f - a };
  }
  if (outcome === "no_quorum") {
    const turnout = rng.int(Math.floor(quorum * 0.3), quorum - 1);
    const f = rng.int(0, turnout);
    return { for: f, against: turnout - f, abstain: 0 };
  }
  const turnout = rng.int(quorum, Math.max(quorum, Math.min(eligible, Math.ceil(quorum * 2.2))));
  let abstain = Math.floor(turnout * rng.between(0, 0.1));
  if (turnout - abstain < 1) abstain = 0;
  const decisive = turnout - abstain;
  let f: number;
  if (outcome === "carried") {
    f = Math.ceil(decisive * (rule === "two_thirds" ? rng.between(0.67, 0.95) : rng.between(0.52, 0.92)));
    if (rule === "simple" && 2 * f <= decisive) f = Math.floor(decisive / 2) + 1;
    if (rule === "two_thirds" && 3 * f < 2 * decisive) f = Math.ceil((2 * decisive) / 3);
  } else {
    f = Math.floor(decisive * (rule === "two_thirds" ? rng.between(0.2, 0.66) : rng.between(0.1, 0.5)));
    if (rule === "simple" && 2 * f > decisive) f = Math.floor(decisive / 2);
    if (rule === "two_thirds" && 3 * f >= 2 * decisive) f = Math.ceil((2 * decisive) / 3) - 1;
  }
  f = Math.max(0, Math.min(decisive, f));
  return { for: f, against: decisive - f, abstain };
}

/** Writes the ballot, its votes and its audit entries; the caller moves the motion. */
export function writeBallot(world: World, spec: BallotSpec): { id: number; outcome: BallotOutcome | null } {
  const { rng, out, timeline } = world;
  const { plan } = spec;
  const id = ++world.next.ballot;
  const verdict = spec.purpose === "verdict";
  const kind = verdict ? "secret" : rng.chance(0.6) ? "recorded" : "secret";
  const rule: MajorityRule = !verdict && rng.chance(0.07) ? "two_thirds" : "simple";
  const eligible = membersAt(world, plan.openedAt);
  const quorum = quorumFor(eligible, world.rules.quorumPercent);
  const counts = countsFor(world, plan.outcome, rule, quorum, eligible);
  if (plan.outcome !== null && computeOutcome({ counts, quorum, rule }) !== plan.outcome) {
    throw new Error(`generated counts ${JSON.stringify(counts)} do not give ${plan.outcome} (quorum ${quorum}, ${rule})`);
  }
  const turnout = counts.for + counts.against + counts.abstain;
  const choices: Choice[] = [...Array(counts.for).fill("for"), ...Array(counts.against).fill("against"), ...Array(counts.abstain).fill("abstain")];
  const voters = rng.distinct(turnout, eligible).map((i) => world.members[i].id);
  const end = (plan.closedAt ?? world.now) - MINUTE_MS;
  const times = voters.map(() => rng.between(plan.openedAt + MINUTE_MS, end)).sort((a, b) => a - b);

  out.insert("ballots", [
    id, spec.motionId, spec.purpose, spec.question, kind, rule, plan.mode, plan.closedAt === null ? "open" : "closed", plan.openedAt, spec.openedBy,
    plan.closesAt, plan.closedAt, plan.closedAt === null ? null : spec.closedBy, spec.returnStatus, eligible, quorum, counts.for, counts.against,
    counts.abstain, plan.outcome, spec.sittingId ?? null, spec.agendaItemId ?? null, spec.responseId ?? null,
  ]);
  timeline.audit(plan.openedAt, "ballot.opened", spec.openedBy, "ballot", id, spec.motionId, {
    ballot_id: id, kind, rule, eligible, quorum, closes_at: plan.closesAt, sitting_id: spec.sittingId,
    purpose: verdict ? "verdict" : undefined, response_id: spec.responseId,
  });
  voters.forEach((member, i) => {
    const choice = choices[i];
    const at = times[i];
    if (kind === "secret") {
      out.insert("secret_voters", [id, member]);
      timeline.audit(at, "vote.cast", null, "ballot", id, spec.motionId, { ballot_id: id, kind: "secret" });
      return;
    }
    // A few members change their recorded vote before the close; the final choice is what counts.
    const changedAt = rng.chance(0.04) ? rng.between(at, end) : null;
    const first: Choice = changedAt ? (choice === "for" ? "against" : "for") : choice;
    out.insert("recorded_votes", [id, member, choice, at, changedAt]);
    timeline.audit(at, "vote.cast", member, "ballot", id, spec.motionId, { ballot_id: id, kind: "recorded", choice: first });
    if (changedAt) timeline.audit(changedAt, "vote.changed", member, "ballot", id, spec.motionId, { ballot_id: id, kind: "recorded", choice, from: first });
  });
  if (plan.closedAt !== null) {
    timeline.audit(plan.closedAt, "ballot.closed", spec.closedBy, "ballot", id, spec.motionId, {
      ballot_id: id, kind, rule, eligible, quorum, for: counts.for, against: counts.against, abstain: counts.abstain,
      turnout, outcome: plan.outcome, closed_at: plan.closedAt, closed_by: spec.closedBy ? "chair" : "closing time",
    });
  }
  return { id, outcome: plan.outcome };
}
