import { afterEach, beforeEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/connect";
import { createAuth } from "../../server/auth/sessions";
import { createEventBus } from "../../server/events";
import { verifyAuditChain } from "../../server/services/audit";
import { DAY_MS } from "../../server/domain/time";
import { defaultRules, type ServiceDeps } from "../../server/services/deps";
import { getMinutes } from "../../server/queries/sittings";
import { findDemoSignIns, seedDemoParliament } from "../../server/seed/demo-parliament";
import { manualClock } from "../support/clock";
import { describeEachDatabase, openTestDatabase } from "../support/databases";

const TABLES = [
  "users",
  "bodies",
  "motions",
  "motion_versions",
  "motion_topics",
  "seconds",
  "posts",
  "post_revisions",
  "post_reports",
  "ballots",
  "recorded_votes",
  "secret_voters",
  "responses",
  "response_actions",
  "action_updates",
  "holding_replies",
  "verdict_requests",
  "follows",
  "notifications",
  "response_reminders",
  "audit_log",
] as const;

describeEachDatabase("the demo parliament", (dialect) => {
  let database: DatabaseHandle;
  let deps: ServiceDeps;
  const now = Date.UTC(2026, 2, 2, 10, 0, 0);

  beforeEach(async () => {
    database = await openTestDatabase(dialect);
    deps = { db: database.db, clock: manualClock(now), events: createEventBus(), rules: { ...defaultRules } };
  });
  afterEach(async () => {
    await database.close();
  });

  async function rowCounts() {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    return counts;
  }

  it("shows a motion in every state, with responses answered, overdue and not yet due", async () => {
    await seedDemoParliament(deps);
    const db = database.db;
    const byStatus = await db
      .selectFrom("motions")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("status")
      .execute();
    const counts = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
    expect(counts).toEqual({ draft: 1, open: 1, seconded: 1, scheduled: 1, voting: 1, carried: 5, defeated: 1, withdrawn: 1, lapsed: 1 });

    const carried = await db
      .selectFrom("motions")
      .select(["response_status", "response_due_at"])
      .where("status", "=", "carried")
      .execute();
    const awaiting = carried.filter((m) => m.response_status === "awaiting").map((m) => m.response_due_at!);
    expect(awaiting.filter((due) => due < now)).toHaveLength(1);
    expect(awaiting.filter((due) => due > now)).toHaveLength(1);
    expect(carried.filter((m) => m.response_status === "responded")).toHaveLength(1);
    expect(carried.filter((m) => m.response_status === "revision_requested")).toHaveLength(1);
    expect(carried.filter((m) => m.response_status === "closed")).toHaveLength(1);
    const response = await db
      .selectFrom("responses")
      .innerJoin("motions", "motions.id", "responses.motion_id")
      .select(["responses.position", "responses.reasons"])
      .where("motions.title", "like", "Count pets%")
      .executeTakeFirstOrThrow();
    expect(response.position).toBe("accept_in_part");

    // A ballot without quorum sent one seconded motion back; the open ballot closes after today.
    const ballots = await db.selectFrom("ballots").select(["status", "outcome", "kind", "rule", "closes_at", "closed_by"]).where("purpose", "=", "motion").execute();
    expect(ballots.map((b) => b.outcome).sort()).toEqual(["carried", "carried", "carried", "carried", "carried", "defeated", "no_quorum", null]);
    const open = ballots.find((b) => b.status === "open")!;
    expect(open.closes_at).toBeGreaterThan(now);
    expect(ballots.some((b) => b.kind === "secret" && b.outcome === "carried")).toBe(true);
    expect(ballots.find((b) => b.outcome === "defeated")?.rule).toBe("two_thirds");
    expect(ballots.some((b) => b.closed_by !== null)).toBe(true);
    expect(ballots.some((b) => b.status === "closed" && b.closed_by === null)).toBe(true);
    const openVotes = await db.selectFrom("recorded_votes").select("member_id").innerJoin("ballots", "ballots.id", "recorded_votes.ballot_id").where("ballots.status", "=", "open").execute();
    expect(openVotes.length).toBeGreaterThan(0);

    const withdrawn = await db.selectFrom("motions").select("withdrawal_reason").where("status", "=", "withdrawn").executeTakeFirstOrThrow();
    expect(withdrawn.withdrawal_reason).toMatch(/M-\d{4}-\d{3}/);
    const openMotion = await db.selectFrom("motions").select("lapses_at").where("status", "=", "open").executeTakeFirstOrThrow();
    expect(openMotion.lapses_at).toBeGreaterThan(now);
  });

  it("has a sitting held, with minutes of a debate and a live ballot, and the next one on the calendar", async () => {
    await seedDemoParliament(deps);
    const db = database.db;
    const sittings = await db.selectFrom("sittings").select(["id", "status", "starts_at"]).orderBy("starts_at").execute();
    expect(sittings.map((s) => s.status)).toEqual(["closed", "scheduled"]);
    expect(sittings[1].starts_at).toBeGreaterThan(now);

    const minutes = (await getMinutes(db, sittings[0].id))!;
    expect(minutes.attendance).toHaveLength(10);
    expect(minutes.items).toHaveLength(1);
    const [item] = minutes.items;
    expect(item).toMatchObject({ status: "decided", motion: { status: "defeated" } });
    // The point of order was raised fourth and heard first.
    expect(item.speakers.map((s) => s.kind)).toEqual(["point_of_order", "speech", "speech", "question", "speech"]);
    expect(item.speakers.every((s) => s.endedAt !== null)).toBe(true);
    expect(item.ballots).toHaveLength(1);
    expect(item.ballots[0]).toMatchObject({ kind: "recorded", rule: "two_thirds", outcome: "defeated" });

    const next = await db.selectFrom("agenda_items").innerJoin("motions", "motions.id", "agenda_items.motion_id").select(["motions.status"]).where("sitting_id", "=", sittings[1].id).execute();
    expect(next).toEqual([{ status: "scheduled" }]);
  });

  it("has a lively thread: nested replies, an edit, a deletion and a post the chair hid", async () => {
    await seedDemoParliament(deps);
    const db = database.db;
    const posts = await db
      .selectFrom("posts")
      .innerJoin("users", "users.id", "posts.author_id")
      .select(["posts.motion_id", "posts.depth", "posts.stance", "posts.edited_at", "posts.deleted_at", "posts.hidden_at", "posts.hidden_reason", "users.role"])
      .execute();
    const perMotion = new Map<number, number>();
    for (const p of posts) perMotion.set(p.motion_id, (perMotion.get(p.motion_id) ?? 0) + 1);
    const busiest = [...perMotion.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(busiest[1]).toBeGreaterThanOrEqual(10);
    const thread = posts.filter((p) => p.motion_id === busiest[0]);
    expect(Math.max(...thread.map((p) => p.depth))).toBeGreaterThanOrEqual(3);
    expect(new Set(thread.map((p) => p.stance))).toEqual(new Set(["for", "against", "neutral", "question"]));
    expect(thread.some((p) => p.role === "commissioner")).toBe(true);
    expect(thread.filter((p) => p.edited_at !== null)).toHaveLength(1);
    expect(thread.filter((p) => p.deleted_at !== null)).toHaveLength(1);
    const hidden = thread.filter((p) => p.hidden_at !== null);
    expect(hidden).toHaveLength(1);
    expect(hidden[0].hidden_reason).toMatch(/welcome/);

    expect(await db.selectFrom("post_revisions").selectAll().execute()).toHaveLength(1);
    const reports = await db.selectFrom("post_reports").select("resolved_at").execute();
    expect(reports).toHaveLength(1);
    expect(reports[0].resolved_at).not.toBeNull();
  });

  /** The motion whose title starts with `title`, and everything on its accountability record. */
  async function record(title: string) {
    const db = database.db;
    const motion = await db.selectFrom("motions").selectAll().where("title", "like", `${title}%`).executeTakeFirstOrThrow();
    const [actions, updates, holding, responses, verdicts] = await Promise.all([
      db.selectFrom("response_actions").selectAll().where("motion_id", "=", motion.id).orderBy("position").execute(),
      db.selectFrom("action_updates").innerJoin("response_actions", "response_actions.id", "action_updates.action_id").select(["action_updates.action_id", "action_updates.at", "action_updates.progress"]).where("response_actions.motion_id", "=", motion.id).orderBy("action_updates.id").execute(),
      db.selectFrom("holding_replies").selectAll().where("motion_id", "=", motion.id).execute(),
      db.selectFrom("responses").selectAll().where("motion_id", "=", motion.id).orderBy("version").execute(),
      db.selectFrom("ballots").selectAll().where("motion_id", "=", motion.id).where("purpose", "=", "verdict").execute(),
    ]);
    return { motion, actions, updates, holding, responses, verdicts };
  }

  it("gives the accountability screens real content: progress, a holding reply, a verdict and a closed record", async () => {
    await seedDemoParliament(deps);
    const pets = await record("Count pets");
    expect(pets.actions.map((a) => [a.status, a.progress])).toEqual([["done", 100], ["planned", 0], ["in_progress", 40]]);
    const inProgress = pets.updates.filter((u) => u.action_id === pets.actions[2].id);
    expect(inProgress.map((u) => u.progress)).toEqual([15, 40]);
    expect(pets.updates.every((u, i) => u.at < now && (i === 0 || u.at >= pets.updates[i - 1].at))).toBe(true);
    expect(pets.actions[1].due_at).toBeGreaterThan(now); // planned, and not yet late

    // The overdue response has a holding reply, and is still overdue.
    const contracts = await record("Build co-production");
    expect(contracts.motion).toMatchObject({ response_status: "awaiting" });
    expect(contracts.motion.response_due_at!).toBeLessThan(now);
    expect(contracts.holding).toHaveLength(1);
    expect(contracts.holding[0].published_at).toBeGreaterThan(contracts.motion.response_due_at!);
    expect(contracts.holding[0].expected_at).toBeGreaterThan(now);

    // Members judged a response inadequate in a secret ballot that closed by time: a new clock runs.
    const plain = await record("Speak our language");
    expect(plain.motion).toMatchObject({ status: "carried", response_status: "revision_requested" });
    expect(plain.responses).toHaveLength(1);
    expect(plain.verdicts).toEqual([expect.objectContaining({ kind: "secret", status: "closed", outcome: "defeated", closed_by: null, response_id: plain.responses[0].id })]);
    const [verdict] = plain.verdicts;
    expect(verdict.count_against).toBeGreaterThan(verdict.count_for);
    expect(verdict.closes_at! - verdict.opened_at).toBe(deps.rules.verdictDays * DAY_MS);
    expect(plain.motion.response_due_at).toBe(verdict.closed_at! + 56 * DAY_MS);
    expect(plain.motion.response_due_at!).toBeGreaterThan(now);
    const requests = await database.db.selectFrom("verdict_requests").selectAll().where("response_id", "=", plain.responses[0].id).execute();
    expect(requests).toHaveLength(deps.rules.verdictRequests);

    // Every action delivered: the record closed by itself.
    const venues = await record("Meet us in our places");
    expect(venues.motion).toMatchObject({ response_status: "closed", closed_reason: "every promised action is done or dropped" });
    expect(venues.actions.map((a) => a.status)).toEqual(["done", "done"]);
  });

  it("has members following motions, with notices read and unread, and reminders sent to a commissioner", async () => {
    await seedDemoParliament(deps);
    const db = database.db;
    const person = (name: string) => db.selectFrom("users").select("id").where("display_name", "=", name).executeTakeFirstOrThrow();
    const notices = async (name: string) =>
      db.selectFrom("notifications").select(["kind", "read_at", "created_at"]).where("user_id", "=", (await person(name)).id).execute();
    const kestrel = await notices("Kestrel");
    expect(kestrel.filter((n) => n.read_at === null).length).toBeGreaterThan(0);
    expect(kestrel.filter((n) => n.read_at !== null).length).toBeGreaterThan(0);
    expect(new Set(kestrel.map((n) => n.kind))).toEqual(new Set(["seconded", "voted", "answered", "action_moved", "revision_requested"]));
    expect(await db.selectFrom("follows").selectAll().where("user_id", "=", (await person("Kestrel")).id).execute()).toHaveLength(2);
    expect((await notices("Amara Osei")).map((n) => n.kind).sort()).toEqual(["response_due_soon", "response_overdue", "revision_requested"]);
    expect(kestrel.every((n) => n.created_at <= now)).toBe(true);
  });

  it("tells the same story under other standing orders: more verdict requests than members, a long verdict period, full quorum", async () => {
    deps.rules = { ...defaultRules, verdictRequests: 20, verdictDays: 60, quorumPercent: 100 };
    await seedDemoParliament(deps);
    const plain = await record("Speak our language");
    expect(plain.motion.response_status).toBe("revision_requested");
    const chair = await database.db.selectFrom("users").select("id").where("role", "=", "chair").executeTakeFirstOrThrow();
    expect(plain.verdicts[0]).toMatchObject({ opened_by: chair.id, status: "closed", outcome: "defeated", eligible_count: 10, quorum: 10 });
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it("is recorded in a valid audit chain that ends no later than today", async () => {
    await seedDemoParliament(deps);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const times = await database.db.selectFrom("audit_log").select("at").orderBy("seq").execute();
    expect(times.length).toBeGreaterThan(50);
    expect(times.every((t, i) => t.at <= now && (i === 0 || t.at >= times[i - 1].at))).toBe(true);
    const secretVotes = await database.db.selectFrom("audit_log").select(["actor_id", "payload"]).where("type", "=", "vote.cast").execute();
    for (const v of secretVotes.filter((v) => JSON.parse(v.payload).kind === "secret")) {
      expect(v.actor_id).toBeNull();
      expect(JSON.parse(v.payload)).not.toHaveProperty("choice");
    }
  });

  it("prints sign-ins that work, and later starts find them again", async () => {
    const seeded = await seedDemoParliament(deps);
    expect(seeded).not.toBeNull();
    const found = await findDemoSignIns(database.db);
    expect(found).toEqual(seeded);
    expect(new Set(found.map((s) => s.role))).toEqual(new Set(["admin", "chair", "commissioner", "member"]));
    const auth = createAuth(database.db, { secureCookies: false });
    for (const signIn of found) {
      const { actor } = await auth.signIn({ email: signIn.email, password: signIn.password }, "demo-test");
      expect(actor.role).toBe(signIn.role);
    }
  });

  it("seeds only an empty database: a second run returns null and changes nothing", async () => {
    await seedDemoParliament(deps);
    const before = await rowCounts();
    expect(await seedDemoParliament(deps)).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it("finds no demo sign-ins in a parliament that was not seeded", async () => {
    expect(await findDemoSignIns(database.db)).toEqual([]);
  });
});
