// The server side of `npm run bench:sitting`: the real parliament (startParliament, Express,
// Remix build, Socket.IO gateway) in its own process, driven by the parent over IPC. It builds
// the scene, opens and closes the live ballot as the chair, measures itself during the vote
// phase, and reads the ballot back from the database for the exactly-once check.
import { sql } from "kysely";
import { loadConfig } from "../server/config";
import type { Choice } from "../db/schema";
import { type RunningParliament, startParliament } from "../server/start";
import { serveRpc } from "./lib/rpc";
import { createPhaseProfiler } from "./lib/profile";
import { createPhaseMetrics, memoryNow } from "./lib/server-metrics";
import { type Scene, prepareSitting } from "./lib/setup-sitting";

let parliament: RunningParliament | null = null;
let scene: Scene | null = null;
const metrics = createPhaseMetrics();
let profiler = createPhaseProfiler(null);
const problems: string[] = [];
let problemCount = 0;

function log(message: string) {
  // The gateway logs only failures; keep a few to show, count them all.
  problemCount += 1;
  if (problems.length < 20) problems.push(message.slice(0, 2000));
  if (problemCount <= 5) process.stderr.write(`[server] ${message.slice(0, 500)}\n`);
}

function running() {
  if (!parliament || !scene) throw new Error("start first");
  return { parliament, scene };
}

async function start({ clients, databaseUrl, profileDir }: { clients: number; databaseUrl: string; profileDir: string | null }) {
  const started = performance.now();
  profiler = createPhaseProfiler(profileDir);
  const config = loadConfig({
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    DEMO_DATA: "false",
  });
  parliament = await startParliament(config, { log });
  scene = await prepareSitting(parliament, clients);
  // Same host in the URL, the Host header and the Origin header, as a browser on this page sends.
  const url = `http://127.0.0.1:${parliament.port}`;
  return {
    url,
    origin: url,
    sittingId: scene.sittingId,
    itemId: scene.itemId,
    cookies: scene.cookies,
    database: parliament.database.description,
    setupMs: Math.round(performance.now() - started),
    ...memoryNow(),
  };
}

async function openBallot({ kind }: { kind: "recorded" | "secret" }) {
  const { parliament, scene } = running();
  metrics.begin();
  const { ballotId } = await parliament.services.liveBallots.open(scene.chair, { itemId: scene.itemId, kind, rule: "simple" });
  return { ballotId, openedAt: Date.now() };
}

/** Close the ballot as the chair, as the chair's button does. */
async function closeBallot() {
  const { parliament, scene } = running();
  const { outcome } = await parliament.services.liveBallots.close(scene.chair, { itemId: scene.itemId });
  return { outcome, closedAt: Date.now() };
}

/**
 * Read back what the database holds about the ballot. Called only once the closing tally has
 * reached the members: the audit chain check below holds the event loop for a while, and run
 * during the fan-out it would be measured as tally latency that a real sitting never has.
 */
async function readBack({ ballotId }: { ballotId: number }) {
  const { parliament, scene } = running();
  const { db } = parliament.database;
  const ballot = await db.selectFrom("ballots").selectAll().where("id", "=", ballotId).executeTakeFirstOrThrow();
  const recorded = await db.selectFrom("recorded_votes").select(["member_id", "choice"]).where("ballot_id", "=", ballotId).execute();
  const secret = await db
    .selectFrom("secret_voters")
    .select([sql<number>`count(*)`.as("rows"), sql<number>`count(distinct member_id)`.as("distinct")])
    .where("ballot_id", "=", ballotId)
    .executeTakeFirstOrThrow();
  const audit = await db
    .selectFrom("audit_log")
    .select(["type", sql<number>`count(*)`.as("n")])
    .where("subject_type", "=", "ballot")
    .where("subject_id", "=", String(ballotId))
    .where("type", "in", ["vote.cast", "vote.changed"])
    .groupBy("type")
    .execute();
  const chain = await parliament.services.audit.verify();
  const present = await db
    .selectFrom("sitting_presence")
    .select(sql<number>`count(*)`.as("n"))
    .where("sitting_id", "=", scene.sittingId)
    .where("connections", ">", 0)
    .executeTakeFirstOrThrow();

  // Each member's recorded choice, by the member's index in the benchmark (null: no row).
  const byMember = new Map(recorded.map((r) => [r.member_id, r.choice]));
  const choices: (Choice | null)[] = scene.memberIds.map((id) => byMember.get(id) ?? null);
  const auditCount = (type: string) => Number(audit.find((a) => a.type === type)?.n ?? 0);
  return {
    outcome: ballot.outcome,
    eligible: ballot.eligible_count,
    quorum: ballot.quorum,
    counts: { for: ballot.count_for, against: ballot.count_against, abstain: ballot.count_abstain },
    recordedRows: recorded.length,
    recordedDistinctMembers: byMember.size,
    recordedChoices: choices,
    secretVoterRows: Number(secret.rows),
    secretDistinctMembers: Number(secret.distinct),
    auditVoteCast: auditCount("vote.cast"),
    auditVoteChanged: auditCount("vote.changed"),
    auditChainOk: chain.ok,
    membersPresent: Number(present.n),
  };
}

let lastUsage = { cpu: process.cpuUsage(), at: performance.now() };
/** CPU since the previous call, for phases measured from the parent (the join phase). */
function usage() {
  const cpu = process.cpuUsage(lastUsage.cpu);
  const wallMs = performance.now() - lastUsage.at;
  lastUsage = { cpu: process.cpuUsage(), at: performance.now() };
  return { cpuMs: Math.round((cpu.user + cpu.system) / 1000), cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wallMs) * 1000) / 10, ...memoryNow() };
}

let stopping: Promise<void> | null = null;
function shutdown(code: number) {
  stopping ??= (async () => {
    const timer = setTimeout(() => process.exit(code), 10_000);
    try {
      await parliament?.stop();
    } finally {
      clearTimeout(timer);
      process.exit(code);
    }
  })();
  return stopping;
}

serveRpc(
  {
    start,
    memory: () => memoryNow(),
    openBallot,
    endPhase: () => metrics.end(),
    profileBegin: () => profiler.begin(),
    profileEnd: ({ phase }: { phase: string }) => profiler.end(phase),
    usage: () => usage(),
    closeBallot,
    readBack,
    problems: () => ({ count: problemCount, first: problems }),
    stop: () => {
      setImmediate(() => void shutdown(0));
      return { ok: true };
    },
  },
  () => void shutdown(1),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown(1));
