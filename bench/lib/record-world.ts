// The parliament the record happens in: commissioning bodies, ~2,000 members joining over the
// years (by invitation, each with its audit entry), chairs taking turns, commissioners, and a
// sitting every fortnight. Motions are generated against this world.
import { createHash } from "node:crypto";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../../server/domain/time";
import type { Rng } from "./record-random";
import type { BulkWriter } from "./record-sqlite";
import { pseudonyms } from "./record-text";
import { bodyDefs } from "./record-themes";
import type { Timeline } from "./record-timeline";

export interface Rules {
  secondersRequired: number;
  lapseDays: number;
  quorumPercent: number;
  verdictRequests: number;
  verdictDays: number;
}

export interface BodyInfo {
  id: number;
  slug: string;
  name: string;
  period: number;
  commissioners: string[];
}

export interface SittingInfo {
  id: number;
  startsAt: number;
  status: "closed" | "open" | "scheduled";
  items: number;
}

export const MAX_ITEMS = 12;
/** an agenda slot: debate, then a live ballot */
export const ITEM_MS = 18 * MINUTE_MS;

export interface World {
  rng: Rng;
  now: number;
  start: number;
  rules: Rules;
  out: BulkWriter;
  timeline: Timeline;
  bodies: BodyInfo[];
  members: { id: string; createdAt: number }[];
  chairs: { id: string; from: number }[];
  admin: string;
  sittings: SittingInfo[];
  next: { ballot: number; response: number; action: number; agenda: number };
}

/** Members who had joined by `at` (the eligible count of a ballot opened then). */
export function membersAt(world: World, at: number): number {
  const m = world.members;
  let lo = 0;
  let hi = m.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m[mid].createdAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A member who had joined by `at`; long-standing members take part more often. */
export function memberAt(world: World, at: number, skew = 1.6): string {
  return world.members[world.rng.skewed(Math.max(1, membersAt(world, at)), skew)].id;
}

export function chairAt(world: World, at: number): string {
  let id = world.chairs[0].id;
  for (const c of world.chairs) if (c.from <= at) id = c.id;
  return id;
}

export function createWorld(rng: Rng, out: BulkWriter, timeline: Timeline, options: { now: number; years: number; members: number; quorumPercent: number; passwordHash: string }): World {
  const { now } = options;
  const start = now - options.years * 365 * DAY_MS;
  const founded = start - 120 * DAY_MS;
  const world: World = {
    rng,
    now,
    start,
    rules: { secondersRequired: 2, lapseDays: 28, quorumPercent: options.quorumPercent, verdictRequests: 5, verdictDays: 7 },
    out,
    timeline,
    bodies: [],
    members: [],
    chairs: [],
    admin: rng.id(),
    sittings: [],
    next: { ballot: 0, response: 0, action: 0, agenda: 0 },
  };
  let invitation = 0;
  const names = pseudonyms(rng, options.members + 60);
  const addUser = (id: string, name: string, role: string, bodyId: number | null, createdAt: number, invitedBy: string | null) => {
    const status = role === "member" && rng.chance(0.01) ? "suspended" : "active";
    out.insert("users", [id, name, name.toLowerCase(), `${id}@bench.example`, options.passwordHash, role, bodyId, status, createdAt]);
    const inv = ++invitation;
    const token = createHash("sha256").update(`${id}-${inv}`).digest("hex");
    out.insert("invitations", [inv, token, role, bodyId, "", invitedBy, createdAt - 2 * DAY_MS, createdAt + 12 * DAY_MS, createdAt, id, null]);
    timeline.audit(createdAt, "user.joined", id, "user", id, null, { invitation_id: inv, role, body_id: bodyId });
  };

  addUser(world.admin, names.pop()!, "admin", null, founded, null);
  bodyDefs.forEach((b, i) => {
    const id = i + 1;
    const createdAt = founded + (i + 1) * HOUR_MS;
    const description = `Commissions and arranges services in its area. Answers motions addressed to it within ${b.period} days.`;
    out.insert("bodies", [id, b.slug, b.name, description, b.period, `engagement@${b.slug}.bench.example`, createdAt]);
    timeline.audit(createdAt, "body.created", world.admin, "body", id, null, { name: b.name, slug: b.slug, response_period_days: b.period });
    world.bodies.push({ id, slug: b.slug, name: b.name, period: b.period, commissioners: [] });
  });
  for (let c = 0; c < 3; c++) {
    const id = rng.id();
    addUser(id, names.pop()!, "chair", null, founded + DAY_MS + c * HOUR_MS, world.admin);
    world.chairs.push({ id, from: c === 0 ? 0 : start + (c * (now - start)) / 3 });
  }
  for (const body of world.bodies) {
    for (let c = 0; c < 3; c++) {
      const id = rng.id();
      addUser(id, names.pop()!, "commissioner", body.id, founded + 2 * DAY_MS + body.id * HOUR_MS + c * MINUTE_MS, world.admin);
      body.commissioners.push(id);
    }
  }
  // A founding group, then steady growth: the eligible count of ballots grows over the years.
  const founders = Math.min(150, options.members);
  for (let i = 0; i < options.members; i++) {
    const createdAt = i < founders ? founded + 3 * DAY_MS + i * MINUTE_MS : start + ((i - founders) / (options.members - founders)) * (now - start - 7 * DAY_MS) + rng.int(0, HOUR_MS);
    const id = rng.id();
    addUser(id, names.pop()!, "member", null, createdAt, world.admin);
    world.members.push({ id, createdAt });
  }
  world.members.sort((a, b) => a.createdAt - b.createdAt);
  createSittings(world);
  return world;
}

/** A sitting every fortnight, one in session now, and one coming up. */
function createSittings(world: World) {
  const { rng, now, out, timeline } = world;
  let id = 0;
  for (let startsAt = world.start + 14 * DAY_MS + 18 * HOUR_MS; startsAt < now - 3 * DAY_MS; startsAt += 14 * DAY_MS) {
    world.sittings.push({ id: ++id, startsAt, status: "closed", items: 0 });
  }
  // The sitting in session started an hour and a half ago; the next one is in five days.
  world.sittings.push({ id: ++id, startsAt: now - 90 * MINUTE_MS, status: "open", items: 0 });
  world.sittings.push({ id: ++id, startsAt: now + 5 * DAY_MS, status: "scheduled", items: 0 });
  for (const s of world.sittings) {
    const chair = chairAt(world, s.startsAt);
    const createdAt = s.startsAt - 21 * DAY_MS;
    const title = `Sitting ${s.id}: ${new Date(s.startsAt).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" })}`;
    const closedAt = s.status === "closed" ? s.startsAt + 4 * HOUR_MS : null;
    const openedAt = s.status === "scheduled" ? null : s.startsAt;
    out.insert("sittings", [s.id, title, s.startsAt, "Riverside Community Hall, Market Street", "", s.status, rng.chance(0.5) ? 180 : null, chair, createdAt, openedAt, closedAt, s.status === "scheduled" ? 0 : rng.int(5, 140)]);
    timeline.audit(createdAt, "sitting.scheduled", chair, "sitting", s.id, null, { sitting_id: s.id, title, starts_at: s.startsAt });
    if (openedAt) timeline.audit(openedAt, "sitting.open", chair, "sitting", s.id, null, { sitting_id: s.id });
    if (closedAt) timeline.audit(closedAt, "sitting.closed", chair, "sitting", s.id, null, { sitting_id: s.id });
  }
}

/** The first closed sitting at least `gap` after `at` that still has a slot on its agenda. */
export function sittingAfter(world: World, at: number, gap: number): SittingInfo | null {
  for (const s of world.sittings) {
    if (s.startsAt < at + gap) continue;
    if (s.status !== "closed") return null;
    if (s.items < MAX_ITEMS) return s;
    if (s.startsAt > at + 60 * DAY_MS) return null;
  }
  return null;
}
