// After a motion is carried: the commissioners' response (on time or late, sometimes after a
// holding reply), the actions promised and their dated progress, members' verdict on some
// responses (a secret ballot that may ask for a revised response), and the record closing
// when every action is settled. Payloads match what the services write.
import type { ResponseStatus } from "../../db/schema";
import { responseDueAt } from "../../server/domain/response-clock";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../server/domain/time";
import { writeBallot } from "./record-ballots";
import type { MotionPlan } from "./record-plan";
import { type Position, actionNotes, actionWords, holdingReasons, responseWords } from "./record-text";
import type { Theme } from "./record-themes";
import { type BodyInfo, type World, chairAt, memberAt } from "./record-world";

export interface AnswerOutcome {
  responseStatus: ResponseStatus;
  dueAt: number;
  closedAt: number | null;
  closedReason: string | null;
  lastChange: number;
}

interface Motion {
  plan: MotionPlan;
  number: string;
  theme: Theme;
  body: BodyInfo;
}

const AUTO_CLOSE = "every promised action is done or dropped";
const DECLINED_CLOSE = "The commissioners declined this motion; the parliament will raise it again if things change.";

export function writeAnswers(world: World, m: Motion): AnswerOutcome {
  const { rng, now, timeline, out } = world;
  const { plan, body } = m;
  const motionId = plan.id;
  let dueAt = responseDueAt(plan.decidedAt!, body.period);
  let lastChange = plan.decidedAt!;
  const commissioner = () => rng.pick(body.commissioners);
  const versions = plan.answer === 2 ? 2 : plan.answer ? 1 : 0;

  if (!versions) {
    if (dueAt < now && rng.chance(0.4)) holdingReply(world, m, dueAt, Math.min(dueAt - rng.between(0, 10 * DAY_MS), now - HOUR_MS));
    remind(world, motionId, dueAt);
    return { responseStatus: "awaiting", dueAt, closedAt: null, closedReason: null, lastChange };
  }

  let publishedAt = 0;
  let positionsSoFar = 0;
  type Action = { id: number; responseId: number; position: number; description: string; owner: string; due: number; createdAt: number };
  let actions: Action[] = [];
  let position: Position = "accept";
  let status: ResponseStatus = "responded";
  for (let version = 1; version <= versions; version++) {
    const from = version === 1 ? plan.decidedAt! : lastChange;
    const late = rng.chance(0.25);
    const lateBy = Math.min(rng.exponential(25 * DAY_MS), 120 * DAY_MS) + HOUR_MS;
    const onTimeAt = from + rng.between(Math.min(14 * DAY_MS, (dueAt - from) * 0.5), dueAt - from - HOUR_MS);
    publishedAt = Math.max(from + MINUTE_MS, Math.min(late ? dueAt + lateBy : onTimeAt, now - HOUR_MS));
    const holdingAt = Math.max(from + HOUR_MS, dueAt - rng.between(0, 7 * DAY_MS));
    if (publishedAt > dueAt && holdingAt < publishedAt && rng.chance(0.5)) holdingReply(world, m, dueAt, holdingAt);
    position = version === 2 ? rng.pick<Position>(["accept", "accept_in_part"]) : rng.weighted({ accept: 0.45, accept_in_part: 0.35, decline: 0.2 });
    const id = ++world.next.response;
    const by = commissioner();
    const words = responseWords(rng, m.theme, position, body.name);
    out.insert("responses", [id, motionId, body.id, version, position, words.reasons, words.summary, publishedAt, by, dueAt]);
    const promised = position === "decline" ? [] : Array.from({ length: rng.int(1, position === "accept" ? 4 : 3) }, () => actionWords(rng, m.theme));
    const created = promised.map((a): Action => ({
      id: ++world.next.action, responseId: id, position: ++positionsSoFar, ...a, due: publishedAt + rng.int(60, 365) * DAY_MS, createdAt: publishedAt,
    }));
    actions = [...actions, ...created];
    timeline.audit(publishedAt, "response.published", by, "response", id, motionId, {
      number: m.number, body_id: body.id, version, position,
      actions: created.map((a) => ({ description: a.description, owner: a.owner, due_at: a.due })),
      due_at: dueAt, on_time: publishedAt <= dueAt,
    });
    lastChange = publishedAt;
    status = "responded";
    // Members may judge the response: the last one stands, or (version 1 of a revised answer) is sent back.
    const revise = version < versions || plan.answer === "r";
    if (revise || (version === versions && rng.chance(0.04) && publishedAt < now - 30 * DAY_MS)) {
      const closedAt = verdict(world, m, id, publishedAt, revise);
      lastChange = closedAt;
      if (revise) {
        dueAt = responseDueAt(closedAt, body.period);
        status = "revision_requested";
        timeline.audit(closedAt, "response.revision_requested", null, "response", id, motionId, { number: m.number, ballot_id: world.next.ballot, response_id: id, due_at: dueAt });
      } else {
        timeline.audit(closedAt, "response.judged_adequate", null, "response", id, motionId, { number: m.number, ballot_id: world.next.ballot, response_id: id });
      }
    }
  }
  const insertActions = (final: Map<number, { status: string; progress: number; at: number; drop?: string }>) => {
    for (const a of actions) {
      const f = final.get(a.id) ?? { status: "planned", progress: 0, at: a.createdAt };
      out.insert("response_actions", [a.id, motionId, a.responseId, a.position, a.description, a.owner, a.due, f.status, f.progress, f.drop ?? null, a.createdAt, f.at]);
    }
  };
  if (status === "revision_requested") {
    insertActions(new Map());
    remind(world, motionId, dueAt);
    return { responseStatus: status, dueAt, closedAt: null, closedReason: null, lastChange };
  }

  // Progress on each action, then the record closes by itself once all are settled.
  let settledAt = 0;
  let settled = actions.length > 0;
  const finals = new Map<number, { status: string; progress: number; at: number; drop?: string }>();
  for (const a of actions) {
    const started = publishedAt + rng.between(20 * DAY_MS, 120 * DAY_MS);
    if (started >= now) {
      settled = false;
      continue;
    }
    let from = "planned";
    const progress = rng.int(2, 8) * 10;
    const by = commissioner();
    actionUpdate(world, m, a.id, by, started, from, "in_progress", progress, rng.pick(actionNotes.in_progress));
    from = "in_progress";
    let final: { status: string; progress: number; at: number; drop?: string } = { status: "in_progress", progress, at: started };
    const ends = started + rng.between(40 * DAY_MS, 400 * DAY_MS);
    if (ends < now && rng.chance(0.85)) {
      const dropped = rng.chance(0.12);
      const note = rng.pick(dropped ? actionNotes.dropped : actionNotes.done);
      final = { status: dropped ? "dropped" : "done", progress: dropped ? progress : 100, at: ends, drop: dropped ? note : undefined };
      actionUpdate(world, m, a.id, by, ends, from, final.status, final.progress, note, final.drop);
      settledAt = Math.max(settledAt, ends);
    } else settled = false;
    finals.set(a.id, final);
    lastChange = Math.max(lastChange, final.at);
  }
  insertActions(finals);
  if (settled) {
    timeline.audit(settledAt, "response.record_closed", null, "motion", motionId, motionId, { number: m.number, reason: AUTO_CLOSE });
    return { responseStatus: "closed", dueAt, closedAt: settledAt, closedReason: AUTO_CLOSE, lastChange: settledAt };
  }
  if (position === "decline" && actions.length === 0) {
    const at = publishedAt + rng.between(30 * DAY_MS, 120 * DAY_MS);
    if (at < now && rng.chance(0.55)) {
      timeline.audit(at, "response.record_closed", chairAt(world, at), "motion", motionId, motionId, { number: m.number, reason: DECLINED_CLOSE });
      return { responseStatus: "closed", dueAt, closedAt: at, closedReason: DECLINED_CLOSE, lastChange: at };
    }
  }
  return { responseStatus: "responded", dueAt, closedAt: null, closedReason: null, lastChange };
}

/** Five members ask, the fifth request opens a secret ballot for a week; returns its closing time. */
function verdict(world: World, m: Motion, responseId: number, publishedAt: number, inadequate: boolean): number {
  const { rng, timeline, out } = world;
  const needed = world.rules.verdictRequests;
  const askers = new Set<string>();
  while (askers.size < needed) askers.add(memberAt(world, publishedAt));
  const times = [...askers].map(() => publishedAt + rng.between(HOUR_MS, 10 * DAY_MS)).sort((a, b) => a - b);
  [...askers].forEach((member, i) => {
    out.insert("verdict_requests", [responseId, member, times[i]]);
    timeline.audit(times[i], "verdict.requested", member, "response", responseId, m.plan.id, { number: m.number, response_id: responseId, requests: i + 1, needed });
  });
  const openedAt = times[times.length - 1];
  const closesAt = openedAt + world.rules.verdictDays * DAY_MS;
  writeBallot(world, {
    motionId: m.plan.id,
    purpose: "verdict",
    question: `Is the commissioners' response to motion ${m.number} adequate? (For: adequate. Against: ask for a revised response.)`,
    plan: { mode: "online", openedAt, closesAt, closedAt: closesAt, outcome: inadequate ? "defeated" : "carried" },
    openedBy: [...askers][needed - 1],
    closedBy: null,
    returnStatus: "carried",
    responseId,
  });
  return closesAt;
}

function actionUpdate(world: World, m: Motion, actionId: number, by: string, at: number, from: string, to: string, progress: number, note: string, dropReason?: string) {
  world.out.insert("action_updates", [actionId, by, at, note, to, progress]);
  world.timeline.audit(at, "action.updated", by, "action", actionId, m.plan.id, { number: m.number, action_id: actionId, from, to, progress, note, drop_reason: dropReason });
}

function holdingReply(world: World, m: Motion, dueAt: number, at: number) {
  const { rng } = world;
  const reason = rng.pick(holdingReasons);
  const expectedAt = Math.max(at, dueAt) + rng.int(14, 60) * DAY_MS;
  const by = rng.pick(m.body.commissioners);
  world.out.insert("holding_replies", [m.plan.id, m.body.id, reason, expectedAt, at, by]);
  world.timeline.audit(at, "response.holding_reply", by, "motion", m.plan.id, m.plan.id, { number: m.number, reason, expected_at: expectedAt, due_at: dueAt });
}

/** The reminders already sent, so the server's scheduler has nothing to catch up on at start. */
function remind(world: World, motionId: number, dueAt: number) {
  if (dueAt - 7 * DAY_MS <= world.now + MINUTE_MS) world.out.insert("response_reminders", [motionId, "due_soon", dueAt]);
  if (dueAt <= world.now + 8 * DAY_MS) world.out.insert("response_reminders", [motionId, "overdue", dueAt]);
}
