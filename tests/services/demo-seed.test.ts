import { afterEach, beforeEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/connect";
import { createAuth } from "../../server/auth/sessions";
import { createEventBus } from "../../server/events";
import { verifyAuditChain } from "../../server/services/audit";
import { defaultRules, type ServiceDeps } from "../../server/services/deps";
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
    expect(counts).toEqual({ draft: 1, open: 1, seconded: 2, voting: 1, carried: 3, defeated: 1, withdrawn: 1, lapsed: 1 });

    const carried = await db
      .selectFrom("motions")
      .select(["response_status", "response_due_at"])
      .where("status", "=", "carried")
      .execute();
    const awaiting = carried.filter((m) => m.response_status === "awaiting").map((m) => m.response_due_at!);
    expect(awaiting.filter((due) => due < now)).toHaveLength(1);
    expect(awaiting.filter((due) => due > now)).toHaveLength(1);
    expect(carried.filter((m) => m.response_status === "responded")).toHaveLength(1);
    const response = await db.selectFrom("responses").select(["position", "reasons"]).executeTakeFirstOrThrow();
    expect(response.position).toBe("accept_in_part");

    // A ballot without quorum sent one seconded motion back; the open ballot closes after today.
    const ballots = await db.selectFrom("ballots").select(["status", "outcome", "kind", "rule", "closes_at", "closed_by"]).execute();
    expect(ballots.map((b) => b.outcome).sort()).toEqual(["carried", "carried", "carried", "defeated", "no_quorum", null]);
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
