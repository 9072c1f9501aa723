// One motion's whole story, written as the services would have left it: its row and text
// versions, topics, seconds, agenda item, ballots, response and actions, discussion, and an
// audit entry for every step (queued on the timeline, which writes them in time order).
import type { MotionStatus } from "../../db/schema";
import { formatMotionNumber } from "../../server/domain/motion-number";
import { MINUTE_MS, zonedYear } from "../../server/domain/time";
import { type AnswerOutcome, writeAnswers } from "./record-answers";
import { writeBallot } from "./record-ballots";
import type { MotionPlan } from "./record-plan";
import { motionWords, withdrawalReasons } from "./record-text";
import { themes } from "./record-themes";
import { planThread } from "./record-threads";
import { type World, chairAt, memberAt } from "./record-world";

const TIME_ZONE = "Europe/London";

/** Returns the motion number (null for a draft). */
export function writeMotion(world: World, plan: MotionPlan, counters: Map<number, number>, special: boolean): string | null {
  const { rng, out, timeline, now } = world;
  const theme = themes[plan.theme];
  const body = world.bodies[plan.body];
  const words = motionWords(rng, theme, themes[plan.second], body.name);
  const motionId = plan.id;
  const row = (fields: Record<string, unknown>) => {
    const r = {
      id: motionId, number: null, title: words.title, text: words.text, rationale: words.rationale, summary: words.summary, body_id: body.id,
      proposer_id: plan.proposer, status: plan.fate, response_status: null, version: 1, seconders_required: world.rules.secondersRequired,
      created_at: plan.createdAt, updated_at: plan.createdAt, published_at: null, lapses_at: null, seconded_at: null, decided_at: null,
      withdrawn_at: null, withdrawal_reason: null, response_due_at: null, closed_at: null, closed_reason: null, ...fields,
    } as Record<string, unknown>;
    out.insert("motions", [
      r.id, r.number, r.title, r.text, r.rationale, r.summary, r.body_id, r.proposer_id, r.status, r.response_status, r.version, r.seconders_required,
      r.created_at, r.updated_at, r.published_at, r.lapses_at, r.seconded_at, r.decided_at, r.withdrawn_at, r.withdrawal_reason, r.response_due_at,
      r.closed_at, r.closed_reason,
    ] as (string | number | null)[]);
  };
  for (const topic of words.topics) out.insert("motion_topics", [motionId, topic]);
  if (plan.fate === "draft") {
    row({});
    return null;
  }

  const year = zonedYear(plan.publishedAt, TIME_ZONE);
  const sequence = (counters.get(year) ?? 0) + 1;
  counters.set(year, sequence);
  const number = formatMotionNumber(year, sequence);
  const state = (at: number, from: MotionStatus, to: MotionStatus, actor: string | null, reason?: string) =>
    timeline.audit(at, "motion.state", actor, "motion", motionId, motionId, { number, from, to, reason });

  // Published, perhaps edited once before anyone seconded it (the first text is kept as version 1).
  const first = plan.editedAt ? motionWords(rng, theme, themes[plan.second], body.name) : words;
  out.insert("motion_versions", [motionId, 1, first.title, first.text, first.rationale, first.summary, plan.publishedAt]);
  timeline.audit(plan.publishedAt, "motion.published", plan.proposer, "motion", motionId, motionId, {
    number, title: first.title, body_id: body.id, seconders_required: world.rules.secondersRequired,
  });
  if (plan.editedAt) {
    out.insert("motion_versions", [motionId, 2, words.title, words.text, words.rationale, words.summary, plan.editedAt]);
    timeline.audit(plan.editedAt, "motion.edited", plan.proposer, "motion", motionId, motionId, { number, version: 2, title: words.title, body_id: body.id });
  }

  let status: MotionStatus = "open";
  let updatedAt = plan.editedAt ?? plan.publishedAt;
  let secondedAt: number | null = null;
  const seconders = new Set<string>();
  const second = (at: number) => {
    let who = memberAt(world, at);
    for (let tries = 0; (who === plan.proposer || seconders.has(who)) && tries < 20; tries++) who = memberAt(world, at, 1);
    if (who === plan.proposer || seconders.has(who)) return;
    seconders.add(who);
    out.insert("seconds", [motionId, who, at]);
    timeline.audit(at, "motion.seconded", who, "motion", motionId, motionId, { number, seconds: seconders.size });
    if (status === "open" && seconders.size >= world.rules.secondersRequired) {
      state(at, "open", "seconded", null, "enough members seconded it");
      status = "seconded";
      secondedAt = at;
      updatedAt = at;
    }
  };
  plan.seconds.forEach(second);
  // Support keeps coming after the motion is seconded, until it goes to a vote or the agenda.
  const nextStep = plan.agenda?.addedAt ?? plan.ballots[0]?.openedAt ?? now;
  if (secondedAt && rng.chance(0.4)) {
    const from: number = secondedAt;
    const extra = Array.from({ length: rng.int(1, 3) }, () => rng.between(from + MINUTE_MS, nextStep - MINUTE_MS)).sort((a, b) => a - b);
    extra.forEach(second);
  }

  if (plan.fate === "lapsed") {
    state(plan.decidedAt!, "open", "lapsed", null, "not seconded in time");
    updatedAt = plan.decidedAt!;
    status = "lapsed";
  }
  let withdrawal: string | null = null;
  if (plan.fate === "withdrawn") {
    withdrawal = rng.pick(withdrawalReasons);
    state(plan.withdrawnAt!, status, "withdrawn", plan.proposer, withdrawal);
    updatedAt = plan.withdrawnAt!;
    status = "withdrawn";
  }

  let itemId: number | undefined;
  const item = plan.agenda;
  if (item) {
    itemId = ++world.next.agenda;
    const chair = chairAt(world, item.addedAt);
    state(item.addedAt, "seconded", "scheduled", chair, `on the agenda of sitting ${item.sittingId}`);
    timeline.audit(item.addedAt, "agenda.added", chair, "sitting", item.sittingId, null, { sitting_id: item.sittingId, item_id: itemId, motion_id: motionId });
    status = "scheduled";
    updatedAt = item.addedAt;
    if (item.status !== "pending") {
      const chairNow = chairAt(world, item.startedAt);
      timeline.audit(item.startedAt, "agenda.item_state", chairNow, "agenda_item", itemId, motionId, { sitting_id: item.sittingId, item_id: itemId, from: "pending", to: "debating" });
      state(item.startedAt, "scheduled", "debating", chairNow);
      status = "debating";
      updatedAt = item.startedAt;
    }
  }
  const itemState = (at: number, from: string, to: string, actor: string) =>
    timeline.audit(at, "agenda.item_state", actor, "agenda_item", itemId!, motionId, { sitting_id: item!.sittingId, item_id: itemId, from, to });

  for (const b of plan.ballots) {
    const live = b.mode === "live";
    const openedBy = chairAt(world, b.openedAt);
    const closedBy = live ? openedBy : null;
    const returnStatus: MotionStatus = live ? "debating" : "seconded";
    writeBallot(world, {
      motionId, purpose: "motion", question: `Should the parliament adopt motion ${number}: ${words.title}?`, plan: b, openedBy, closedBy,
      returnStatus, sittingId: live ? item!.sittingId : undefined, agendaItemId: live ? itemId : undefined,
    });
    state(b.openedAt, returnStatus, "voting", openedBy);
    if (live) itemState(b.openedAt, "debating", "voting", openedBy);
    status = "voting";
    updatedAt = b.openedAt;
    if (b.closedAt === null) continue;
    if (b.outcome === "no_quorum") state(b.closedAt, "voting", returnStatus, closedBy, "the ballot did not reach quorum");
    else state(b.closedAt, "voting", b.outcome!, closedBy);
    if (live) itemState(b.closedAt, "voting", "decided", openedBy);
    status = b.outcome === "no_quorum" ? returnStatus : b.outcome!;
    updatedAt = b.closedAt;
  }
  if (item) {
    const endedAt = item.status === "decided" ? plan.decidedAt : null;
    out.insert("agenda_items", [itemId!, item.sittingId, motionId, item.position, item.status, item.status === "pending" ? null : item.startedAt, endedAt]);
  }
  if (status !== plan.fate) throw new Error(`motion ${number}: planned ${plan.fate}, story ended ${status}`);

  let answer: AnswerOutcome | null = null;
  if (plan.fate === "carried") answer = writeAnswers(world, { plan, number, theme, body });
  const endAt = plan.fate === "withdrawn" ? plan.withdrawnAt! : plan.fate === "lapsed" ? plan.decidedAt! : plan.decidedAt ? plan.decidedAt + 45 * 86_400_000 : now;
  planThread(world, { plan, theme, body }, endAt, special);

  row({
    number, status, version: plan.editedAt ? 2 : 1, published_at: plan.publishedAt, lapses_at: plan.publishedAt + world.rules.lapseDays * 86_400_000,
    updated_at: Math.max(updatedAt, answer?.lastChange ?? 0), seconded_at: secondedAt,
    decided_at: plan.fate === "carried" || plan.fate === "defeated" ? plan.decidedAt : null,
    withdrawn_at: plan.withdrawnAt, withdrawal_reason: withdrawal, response_status: answer?.responseStatus ?? null,
    response_due_at: answer?.dueAt ?? null, closed_at: answer?.closedAt ?? null, closed_reason: answer?.closedReason ?? null,
  });
  return number;
}
