// Before anything is written, every motion's story is planned: when it was published, what
// became of it and when, whether it was decided online or in a sitting. Counts that the issue
// fixes (responses, thread posts) are then shared out exactly over the plans.
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../server/domain/time";
import { Rng } from "./record-random";
import { weightedTheme } from "./record-text";
import { bodyDefs, themeBodies, themes } from "./record-themes";
import { ITEM_MS, type World, memberAt, sittingAfter } from "./record-world";

export type Fate = "draft" | "open" | "seconded" | "scheduled" | "debating" | "voting" | "carried" | "defeated" | "withdrawn" | "lapsed";

export interface BallotPlan {
  mode: "online" | "live";
  openedAt: number;
  closesAt: number | null;
  /** null while still open */
  closedAt: number | null;
  outcome: "carried" | "defeated" | "no_quorum" | null;
}

export interface MotionPlan {
  id: number;
  fate: Fate;
  createdAt: number;
  publishedAt: number;
  proposer: string;
  editedAt: number | null;
  /** times of seconds, the second one makes it seconded */
  seconds: number[];
  withdrawnAt: number | null;
  agenda: { sittingId: number; position: number; addedAt: number; startedAt: number; status: "decided" | "debating" | "pending" } | null;
  ballots: BallotPlan[];
  decidedAt: number | null;
  /** carried motions: 0 awaiting, 1 answered, "r" answered then revision requested, 2 answered twice */
  answer: 0 | 1 | "r" | 2;
  posts: number;
  /** indexes into themes and world.bodies */
  theme: number;
  second: number;
  body: number;
}

const clampPast = (t: number, now: number) => Math.min(t, now - 2 * MINUTE_MS);

/** What the motion is about and whom it addresses: most themes have their usual bodies. */
function themeAndBody(rng: Rng) {
  const theme = themes.indexOf(weightedTheme(rng));
  const second = rng.chance(0.7) ? themes.indexOf(weightedTheme(rng)) : theme;
  const usual = themeBodies[themes[theme].topic];
  const body = usual && rng.chance(0.8) ? rng.pick(usual) : rng.chance(0.6) ? rng.int(0, 1) : rng.int(0, bodyDefs.length - 1);
  return { theme, second, body };
}

export function planMotions(world: World, options: { motions: number; responses: number; posts: number; seed: number }) {
  const rng = new Rng(options.seed + 1);
  const { now, start } = world;
  const span = now - start - DAY_MS;
  const plans: MotionPlan[] = [];
  for (let i = 0; i < options.motions; i++) {
    const publishedAt = start + (span * (i + rng.between(0.05, 0.95))) / options.motions;
    const createdAt = publishedAt - Math.min(rng.exponential(1.5 * DAY_MS), 20 * DAY_MS);
    const plan: MotionPlan = {
      id: i + 1, fate: "draft", createdAt, publishedAt, proposer: memberAt(world, createdAt, 2.2), editedAt: null, seconds: [],
      withdrawnAt: null, agenda: null, ballots: [], decidedAt: null, answer: 0, posts: 0, ...themeAndBody(rng),
    };
    plans.push(plan);
    if (rng.chance(0.015)) continue;
    const age = now - publishedAt;
    if (age < 27 * DAY_MS) {
      const fate = rng.weighted({ open: 0.42, seconded: 0.12, voting: 0.14, withdrawn: 0.05, decided: age > 12 * DAY_MS ? 0.27 : 0 });
      plan.fate = fate === "decided" ? (rng.chance(0.48) ? "carried" : "defeated") : fate;
    } else if (age < 28.2 * DAY_MS) {
      plan.fate = rng.pick<Fate>(["seconded", "voting", "withdrawn", "carried", "defeated"]);
    } else {
      plan.fate = rng.weighted({ lapsed: 0.45, withdrawn: 0.09, carried: 0.22, defeated: 0.24 });
    }
    planLife(world, rng, plan);
  }
  planCurrentSittings(world, plans);
  shareAnswers(rng, world, plans, options.responses);
  const special = sharePosts(rng, plans, options.posts);
  return { plans, special };
}

function secondTimes(rng: Rng, from: number, until: number, count: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(from + 5 * MINUTE_MS + Math.min(rng.exponential(2.5 * DAY_MS), (until - from) * 0.98) * rng.between(0.2, 1));
  return times.map((t) => Math.min(t, until - MINUTE_MS)).sort((a, b) => a - b);
}

function planLife(world: World, rng: Rng, p: MotionPlan) {
  const { now } = world;
  const lapseAt = p.publishedAt + world.rules.lapseDays * DAY_MS;
  if (rng.chance(0.05)) p.editedAt = clampPast(p.publishedAt + Math.min(rng.exponential(12 * HOUR_MS), 2 * DAY_MS), now);
  const firstSecondFrom = p.editedAt ?? p.publishedAt;
  const until = Math.min(lapseAt - HOUR_MS, now - 5 * MINUTE_MS);
  switch (p.fate) {
    case "open":
      p.seconds = secondTimes(rng, firstSecondFrom, until, rng.int(0, 1));
      return;
    case "lapsed":
      p.seconds = secondTimes(rng, firstSecondFrom, until, rng.int(0, 1));
      p.decidedAt = lapseAt + rng.int(0, 60_000);
      return;
    case "withdrawn": {
      p.withdrawnAt = clampPast(p.publishedAt + rng.between(DAY_MS, 25 * DAY_MS), now);
      p.seconds = secondTimes(rng, firstSecondFrom, Math.min(until, p.withdrawnAt), rng.int(0, 3));
      return;
    }
  }
  p.seconds = secondTimes(rng, firstSecondFrom, until, 2);
  const secondedAt = p.seconds[1];
  if (p.fate === "seconded") return;
  if (p.fate === "voting") {
    const from = Math.max(secondedAt + 2 * HOUR_MS, now - 5.5 * DAY_MS);
    if (from >= now - 30 * MINUTE_MS) return void (p.fate = "seconded");
    const openedAt = rng.between(from, now - 30 * MINUTE_MS);
    p.ballots.push({ mode: "online", openedAt, closesAt: openedAt + 7 * DAY_MS, closedAt: null, outcome: null });
    return;
  }
  // Decided: live in a sitting about a third of the time, otherwise an online ballot.
  const outcome = p.fate as "carried" | "defeated";
  const sitting = rng.chance(0.35) ? sittingAfter(world, secondedAt, 2 * DAY_MS) : null;
  if (sitting) {
    const position = ++sitting.items;
    const startedAt = sitting.startsAt + 10 * MINUTE_MS + (position - 1) * ITEM_MS;
    const addedAt = Math.max(secondedAt + HOUR_MS + rng.exponential(DAY_MS), sitting.startsAt - 21 * DAY_MS + HOUR_MS);
    p.agenda = { sittingId: sitting.id, position, addedAt: Math.min(addedAt, sitting.startsAt - HOUR_MS), startedAt, status: "decided" };
    const openedAt = startedAt + 9 * MINUTE_MS;
    p.ballots.push({ mode: "live", openedAt, closesAt: null, closedAt: openedAt + 7 * MINUTE_MS, outcome });
    p.decidedAt = openedAt + 7 * MINUTE_MS;
    return;
  }
  let openedAt = secondedAt + HOUR_MS + Math.min(rng.exponential(4 * DAY_MS), 30 * DAY_MS);
  if (rng.chance(0.03)) {
    // A first ballot without quorum sends the motion back to seconded; it goes to a vote again.
    p.ballots.push({ mode: "online", openedAt, closesAt: openedAt + 7 * DAY_MS, closedAt: openedAt + 7 * DAY_MS, outcome: "no_quorum" });
    openedAt += 7 * DAY_MS + HOUR_MS + rng.exponential(3 * DAY_MS);
  }
  if (openedAt + 7 * DAY_MS > now - HOUR_MS) {
    p.ballots = [];
    p.fate = "seconded";
    return;
  }
  p.ballots.push({ mode: "online", openedAt, closesAt: openedAt + 7 * DAY_MS, closedAt: openedAt + 7 * DAY_MS, outcome });
  p.decidedAt = openedAt + 7 * DAY_MS;
}

/** The sitting in session debates one motion with two waiting; the next sitting has six on its agenda. */
function planCurrentSittings(world: World, plans: MotionPlan[]) {
  const open = world.sittings.find((s) => s.status === "open")!;
  const next = world.sittings.find((s) => s.status === "scheduled")!;
  const waiting = plans.filter((p) => p.fate === "seconded" && p.seconds[1] < world.now - 2 * DAY_MS);
  for (const p of waiting.slice(0, 9)) {
    const sitting = open.items < 3 ? open : next;
    const position = ++sitting.items;
    const debating = sitting === open && position === 1;
    const addedAt = Math.min(Math.max(p.seconds[1] + HOUR_MS, sitting.startsAt - 21 * DAY_MS), world.now - DAY_MS);
    p.fate = debating ? "debating" : "scheduled";
    p.agenda = { sittingId: sitting.id, position, addedAt, startedAt: sitting.startsAt + 10 * MINUTE_MS, status: debating ? "debating" : "pending" };
  }
}

/** Exactly `target` responses over the carried motions: answered, revised after members' verdict, or still awaited. */
function shareAnswers(rng: Rng, world: World, plans: MotionPlan[], target: number) {
  const carried = plans.filter((p) => p.fate === "carried" && p.decidedAt! < world.now - 3 * DAY_MS);
  const periodOf = (p: MotionPlan) => world.bodies[p.body].period;
  for (const p of carried) {
    const overdue = p.decidedAt! + periodOf(p) * DAY_MS < world.now;
    if (!rng.chance(overdue ? 0.9 : 0.45)) continue;
    p.answer = 1;
    if (p.decidedAt! < world.now - 250 * DAY_MS && rng.chance(0.045)) p.answer = rng.chance(0.85) ? 2 : "r";
  }
  const count = () => carried.reduce((n, p) => n + (p.answer === 2 ? 2 : p.answer ? 1 : 0), 0);
  let total = count();
  const order = rng.distinct(carried.length, carried.length).map((i) => carried[i]);
  for (const p of order) {
    if (total === target) break;
    if (total > target && p.answer === 1) (p.answer = 0), total--;
    else if (total < target && p.answer === 0) (p.answer = 1), total++;
  }
  for (const p of order) {
    if (total >= target) break;
    if (p.answer === 1 && p.decidedAt! < world.now - 250 * DAY_MS) (p.answer = 2), total++;
  }
  if (total !== target) throw new Error(`could not share ${target} responses over ${carried.length} carried motions (got ${total}); ask for fewer responses`);
}

/**
 * Exactly `total` posts: one motion (carried, about a year old) gets exactly 1,000; the rest
 * follow a long tail, busier for motions that went to a vote, quiet for those that lapsed.
 */
function sharePosts(rng: Rng, plans: MotionPlan[], total: number) {
  const published = plans.filter((p) => p.fate !== "draft");
  const special = [...published].reverse().find((p) => p.fate === "carried" && p.answer === 1 && p.ballots.length === 1 && p.id < plans.length * 0.9) ?? published[0];
  const bigThread = Math.min(1000, total);
  special.posts = bigThread;
  const others = published.filter((p) => p !== special);
  const factor: Record<Fate, number> = { draft: 0, open: 0.6, lapsed: 0.35, withdrawn: 0.6, seconded: 1, scheduled: 1.2, debating: 1.5, voting: 1.5, carried: 1.6, defeated: 1.4 };
  const weights = others.map((p) => Math.exp(1.35 * rng.normal()) * factor[p.fate]);
  const sum = weights.reduce((a, b) => a + b, 0);
  const rest = total - bigThread;
  let given = 0;
  others.forEach((p, i) => {
    p.posts = Math.min(800, Math.floor((weights[i] / sum) * rest));
    given += p.posts;
  });
  while (given < rest) {
    const p = others[rng.int(0, others.length - 1)];
    if (p.posts < 800) (p.posts++, given++);
  }
  return special;
}
