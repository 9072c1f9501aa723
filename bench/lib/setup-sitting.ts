// The scene for the sitting benchmark, built on a fresh database: a chair, N members with live
// sessions (bulk inserts, since creating 5,000 people one service call at a time would take
// longer than the benchmark), and an open sitting debating a seconded motion. Everything that
// carries domain rules (raising, seconding, scheduling, opening) goes through the real services.
import { generateIdFromEntropySize } from "lucia";
import { SESSION_COOKIE } from "../../server/auth/sessions";
import type { Actor } from "../../server/domain/permissions";
import { DAY_MS, HOUR_MS, epochToZonedLocal } from "../../server/domain/time";
import type { RunningParliament } from "../../server/start";

const CHUNK = 500;
// Lucia's own session lifetime; a session this far from expiry is never refreshed mid-run.
const SESSION_LIFETIME_MS = 30 * DAY_MS;

export interface Scene {
  chair: Actor;
  sittingId: number;
  itemId: number;
  motionId: number;
  memberIds: string[];
  cookies: string[];
}

function member(i: number, createdAt: number) {
  const displayName = `Bench member ${String(i + 1).padStart(5, "0")}`;
  return {
    id: generateIdFromEntropySize(10),
    display_name: displayName,
    display_name_key: displayName.toLowerCase(),
    email: `member-${i + 1}@bench.example`,
    password_hash: null,
    role: "member" as const,
    body_id: null,
    status: "active" as const,
    created_at: createdAt,
  };
}

export async function prepareSitting(parliament: RunningParliament, clients: number): Promise<Scene> {
  const { db } = parliament.database;
  const { services } = parliament;
  // Members joined well before the ballot opens, so every one of them is eligible to vote.
  const createdAt = Date.now() - DAY_MS;
  const members = Array.from({ length: clients }, (_, i) => member(i, createdAt));
  const sessions = members.map((m) => ({
    // The id Lucia itself would make (40 base32 characters), so validateSession treats it as its own.
    id: generateIdFromEntropySize(25),
    user_id: m.id,
    expires_at: Date.now() + SESSION_LIFETIME_MS,
  }));
  const chairRow = { ...member(-1, createdAt), display_name: "Bench chair", display_name_key: "bench chair", email: "chair@bench.example", role: "chair" as const };

  const bodyId = await db.transaction().execute(async (trx) => {
    const body = await trx
      .insertInto("bodies")
      .values({ slug: "bench-body", name: "Bench Commissioning Body", description: "Commissions services.", response_period_days: 56, contact: "", created_at: createdAt })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.insertInto("users").values(chairRow).execute();
    for (let i = 0; i < members.length; i += CHUNK) await trx.insertInto("users").values(members.slice(i, i + CHUNK)).execute();
    for (let i = 0; i < sessions.length; i += CHUNK) await trx.insertInto("sessions").values(sessions.slice(i, i + CHUNK)).execute();
    return body.id;
  });

  const actor = (row: typeof chairRow): Actor => ({ id: row.id, displayName: row.display_name, role: row.role, bodyId: null });
  const chair = actor(chairRow);
  const [proposer, ...others] = members.slice(0, 1 + services.rules.secondersRequired).map((m) => actor({ ...m, role: m.role as never }));

  const { id: motionId } = await services.motions.raise(
    proposer,
    {
      title: "Publish waiting times for every community mental health team",
      text: "This parliament calls on the commissioners to publish, each month, how long people wait for a first appointment with each community team.",
      rationale: "Members told us that not knowing how long the wait will be is one of the hardest parts of it.",
      summary: "Publish monthly waiting times for community teams.",
      topics: "waiting times, community teams",
      bodyId,
    },
    { publish: true },
  );
  for (const seconder of others) await services.motions.second(seconder, motionId);

  const { sittingId } = await services.sittings.schedule(chair, {
    title: "Benchmark sitting",
    startsAt: epochToZonedLocal(Date.now() + HOUR_MS, services.rules.timeZone),
    place: "Council chamber",
    onlineLink: "",
  });
  const { itemId } = await services.sittings.addToAgenda(chair, sittingId, { motionId });
  await services.sittings.open(chair, sittingId);
  await services.sittings.startItem(chair, { itemId });

  return {
    chair,
    sittingId,
    itemId,
    motionId,
    memberIds: members.map((m) => m.id),
    cookies: sessions.map((s) => `${SESSION_COOKIE}=${s.id}`),
  };
}
