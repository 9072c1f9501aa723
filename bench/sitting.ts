// `npm run bench:sitting -- --clients N`: can one live sitting hold N members voting at once?
// Starts the real server on a fresh database in its own process, connects N simulated members
// from worker processes, opens a live ballot as the chair, has every member vote on an
// open-loop schedule, then checks every vote was counted once. See bench/README.md.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { readOptions, usage, type Options } from "./lib/args";
import { type Child, openFileLimit, repoRoot, startChild, stopChildren } from "./lib/children";
import { type FreshDatabase, freshDatabase } from "./lib/database";
import type { Choice, ConnectOrder, TallySeen, VoteOrder } from "./lib/plan";
import { judge, printSummary } from "./lib/report";
import { addCounts, concat, summarize } from "./lib/stats";
import { type ServerBallot, verifyCounts } from "./lib/verify";

const say = (message: string) => console.log(`[bench] ${message}`);

interface Ready { url: string; origin: string; sittingId: number; cookies: string[]; database: string; setupMs: number; rssMB: number }
interface Joined {
  joined: number; failed: number; errors: Record<string, number>; connectMs: Float64Array; started: number; finished: number;
  cpuPercentOfOneCore: number; disconnectsWhileJoining: Record<string, number>;
}
interface Report {
  ackMs: Float64Array; sendLagMs: Float64Array; voteErrors: Record<string, number>; lastChoices: [number, Choice][];
  tallyMs: Float64Array; tallyRate: Float64Array; tallyGapMs: Float64Array; tallySeen: TallySeen; events: Record<string, number>;
  disconnects: Record<string, number>; cpuPercentOfOneCore: number; eventLoopDelayP99Ms: number; rssMB: number;
}

function ensureBuild() {
  // The benchmark needs a server build to start, but not a fresh one: it exercises the live
  // gateway, not the pages, and rebuilding would disturb anyone else using this tree's build.
  if (fs.existsSync(path.join(repoRoot, "build", "index.js"))) return;
  say("No server build yet: running remix build…");
  const result = spawnSync("npx", ["remix", "build"], { cwd: repoRoot, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) throw new Error("remix build failed");
}

function checkFileLimit(o: Options) {
  const needed = o.clients + 256;
  const limit = openFileLimit();
  if (limit < needed) {
    throw new Error(
      `The server process needs about ${needed} open files for ${o.clients} connections, but the hard limit is ${limit}. ` +
        `Raise it (for example "ulimit -Hn ${needed * 2}" as root, or in /etc/security/limits.conf) and run again.`,
    );
  }
}

/** Which code was measured: the commit, and any server files changed since it. */
function treeState() {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: repoRoot, encoding: "utf8" }).stdout ?? "";
  return {
    commit: git("rev-parse", "--short", "HEAD").trim() || "unknown",
    // porcelain lines are "XY path": the status letters may start with a space
    uncommittedServerFiles: git("status", "--porcelain", "--", "server", "db").split("\n").filter(Boolean).map((l) => l.slice(3)),
  };
}

const load = () => os.loadavg().map((n) => Math.round(n * 100) / 100);

async function run(o: Options, database: FreshDatabase) {
  const loadBefore = load();
  say(`load average ${loadBefore.join(" ")} on ${os.availableParallelism()} cores`);
  if (loadBefore[0] > os.availableParallelism() / 2) {
    say("the machine is busy: other work will compete with the server and the workers, so treat these figures with care");
  }
  const server = startChild("server", "bench/sitting-server.ts", { nodeOptions: o.serverNodeOptions, env: { NODE_ENV: "production" } });
  say(`preparing a sitting with ${o.clients} members on ${database.dialect}…`);
  const ready = await server.rpc.call<Ready>("start", { clients: o.clients, databaseUrl: database.url, profileDir: o.profileDir }, 600_000);
  say(`server ready at ${ready.url} in ${(ready.setupMs / 1000).toFixed(1)} s (RSS ${ready.rssMB} MB)`);

  const workers: Child[] = Array.from({ length: o.workers }, (_, i) => startChild(`worker ${i + 1}`, "bench/sitting-worker.ts"));
  const shares = workers.map((_, w) =>
    ready.cookies.flatMap((cookie, index) => (index % o.workers === w ? [{ index, cookie }] : [])),
  );
  say(`connecting ${o.clients} members from ${o.workers} workers (${o.connectConcurrency} handshakes in flight)…`);
  await server.rpc.call("usage");
  await server.rpc.call("profileBegin");
  const connectStart = Date.now();
  const joined = await Promise.all(
    workers.map((w, i) =>
      w.rpc.call<Joined>(
        "connect",
        {
          url: ready.url,
          origin: ready.origin,
          sittingId: ready.sittingId,
          clients: shares[i],
          concurrency: Math.max(1, Math.round(o.connectConcurrency / o.workers)),
          timeoutMs: 60_000,
        } satisfies ConnectOrder,
        1_800_000,
      ),
    ),
  );
  const allJoinedMs = Math.max(...joined.map((j) => j.finished)) - connectStart;
  const joinedCount = joined.reduce((n, j) => n + j.joined, 0);
  say(`${joinedCount} of ${o.clients} joined in ${(allJoinedMs / 1000).toFixed(1)} s`);
  const joinUsage = await server.rpc.call<{ rssMB: number; cpuMs: number; cpuPercentOfOneCore: number }>("usage");
  const joinProfile = await server.rpc.call<string | null>("profileEnd", { phase: "join" });
  if (joinProfile) say(`server CPU profile of the join phase: ${joinProfile}`);

  // Let the arrival's presence announcements (every 500 ms) finish before the vote starts.
  await sleep(2000);
  await Promise.all(workers.map((w) => w.rpc.call("arm")));
  await server.rpc.call("profileBegin");
  const { ballotId } = await server.rpc.call<{ ballotId: number }>("openBallot", { kind: o.kind });
  const startAt = Date.now() + 500;
  const scheduleMs = (o.clients * o.rounds * 1000) / o.rate;
  say(`ballot ${ballotId} open; ${o.clients * o.rounds} votes over ${(scheduleMs / 1000).toFixed(1)} s…`);
  const voted = await Promise.all(
    workers.map((w) =>
      w.rpc.call<{ lastAckAt: number }>(
        "vote",
        { ballotId, startAt, rate: o.rate, total: o.clients, rounds: o.rounds, ackTimeoutMs: o.ackTimeoutMs } satisfies VoteOrder,
        scheduleMs + o.ackTimeoutMs + 120_000,
      ),
    ),
  );
  const phaseEnd = Math.max(startAt, ...voted.map((v) => v.lastAckAt));
  const votePhase = await server.rpc.call<any>("endPhase");
  const voteProfile = await server.rpc.call<string | null>("profileEnd", { phase: "vote" });
  if (voteProfile) say(`server CPU profile of the vote phase: ${voteProfile}`);
  say("closing the ballot…");
  const { closedAt } = await server.rpc.call<{ closedAt: number }>("closeBallot");
  // Wait until every member has been shown the ballot closed (or 10 s), and only then read the
  // ballot back: the read-back's audit chain check would otherwise hold up the closing tally.
  let closedSeenBy = 0;
  while (Date.now() - closedAt < 10_000) {
    closedSeenBy = (await Promise.all(workers.map((w) => w.rpc.call<number>("closedSeen")))).reduce((a, b) => a + b, 0);
    if (closedSeenBy >= joinedCount) break;
    await sleep(50);
  }
  const closingTallyMs = Date.now() - closedAt;
  say(`${closedSeenBy} of ${joinedCount} members shown the ballot closed within ${closingTallyMs} ms; reading it back…`);
  const ballot = await server.rpc.call<ServerBallot>("readBack", { ballotId });
  const finalTurnout = ballot.counts.for + ballot.counts.against + ballot.counts.abstain;
  const reports = await Promise.all(workers.map((w) => w.rpc.call<Report>("report", { phaseStart: startAt, phaseEnd, finalTurnout })));
  const problems = await server.rpc.call<{ count: number; first: string[] }>("problems");

  const ackMs = summarize(concat(reports.map((r) => r.ackMs)));
  const voteErrors = reports.reduce((acc, r) => addCounts(acc, r.voteErrors), {} as Record<string, number>);
  const phaseMs = Math.round(phaseEnd - startAt);
  const votesPerSecond = Math.round(ackMs.count / (phaseMs / 1000));
  const tallyMs = summarize(concat(reports.map((r) => r.tallyMs)));
  const tallyRate = summarize(concat(reports.map((r) => r.tallyRate)));
  const exactlyOnce = verifyCounts(o.kind, o.clients, ackMs.count, voteErrors.ack_timeout ?? 0, reports.flatMap((r) => r.lastChoices), ballot);
  const connectErrors = joined.reduce((acc, j) => addCounts(acc, j.errors), {} as Record<string, number>);

  const results = {
    benchmark: "sitting",
    at: new Date().toISOString(),
    tree: treeState(),
    clients: o.clients,
    database: ready.database.replace(/ .*parliament-bench-[^/]+\//, " <temp>/"),
    options: { rate: o.rate, rounds: o.rounds, kind: o.kind, workers: o.workers, connectConcurrency: o.connectConcurrency, ackTimeoutMs: o.ackTimeoutMs, serverNodeOptions: o.serverNodeOptions },
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
      memoryGB: Math.round(os.totalmem() / 1024 ** 3),
      node: process.version,
      loadBefore,
      loadAfter: load(),
    },
    connect: {
      joined: joinedCount,
      failed: o.clients - joinedCount,
      errors: connectErrors,
      allJoinedMs,
      perClientMs: summarize(concat(joined.map((j) => j.connectMs))),
      disconnectsWhileJoining: joined.reduce((acc, j) => addCounts(acc, j.disconnectsWhileJoining), {} as Record<string, number>),
      serverCpuPercentOfOneCore: joinUsage.cpuPercentOfOneCore,
      serverCpuMsPerJoin: Math.round((joinUsage.cpuMs / Math.max(1, joinedCount)) * 100) / 100,
      loadGeneratorCpuPercentOfOneCore: joined.map((j) => j.cpuPercentOfOneCore),
    },
    // dropped connections over the whole run, by the reason socket.io-client gives
    disconnects: reports.reduce((acc, r) => addCounts(acc, r.disconnects), {} as Record<string, number>),
    votes: {
      scheduled: o.clients * o.rounds,
      acked: ackMs.count,
      errorsByCode: voteErrors,
      offeredPerSecond: o.rate,
      votesPerSecond,
      phaseMs,
      // server CPU over the whole vote phase (fan-out included) per acknowledged vote: a figure
      // that other work on the machine disturbs less than the rate does
      serverCpuMsPerVote: Math.round((votePhase.cpuMs / Math.max(1, ackMs.count)) * 1000) / 1000,
      ackMs,
      sendLagMs: summarize(concat(reports.map((r) => r.sendLagMs))),
    },
    tally: {
      latencyMs: tallyMs,
      perClientPerSecond: { mean: tallyRate.mean, p50: tallyRate.p50, min: tallyRate.min, max: tallyRate.max },
      gapBetweenTalliesMs: summarize(concat(reports.map((r) => r.tallyGapMs))),
      finalTallySeen: reports.reduce(
        (acc, r) => ({ closed: acc.closed + r.tallySeen.closed, finalTurnout: acc.finalTurnout + r.tallySeen.finalTurnout, none: acc.none + r.tallySeen.none }),
        { closed: 0, finalTurnout: 0, none: 0 },
      ),
      closingTallyReachedAllMs: closedSeenBy >= joinedCount ? closingTallyMs : null,
      messagesReceivedByEvent: reports.reduce((acc, r) => addCounts(acc, r.events), {} as Record<string, number>),
    },
    server: {
      setupMs: ready.setupMs,
      rssMB: { ready: ready.rssMB, joined: joinUsage.rssMB, votePhaseMax: votePhase.rssMaxMB, end: votePhase.rssMB },
      votePhase,
      logLines: problems.count,
      firstLogLines: problems.first.slice(0, 5),
    },
    loadGenerator: reports.map((r) => ({ cpuPercentOfOneCore: r.cpuPercentOfOneCore, eventLoopDelayP99Ms: r.eventLoopDelayP99Ms, rssMB: r.rssMB, disconnects: r.disconnects })),
    exactlyOnce,
    targets: judge({
      clients: o.clients,
      connected: joinedCount,
      connectedAll: joinedCount === o.clients,
      everyVoteCountedOnce: exactlyOnce.everyVoteCountedOnce,
      ackMs,
      tallyMs,
      votesPerSecond,
      rate: o.rate,
    }),
  };

  await Promise.all([...workers.map((w) => w.rpc.call("stop").catch(() => {})), server.rpc.call("stop").catch(() => {})]);
  await Promise.race([Promise.all([server.exited, ...workers.map((w) => w.exited)]), sleep(15_000)]);
  return results;
}

function save(o: Options, results: { clients: number }) {
  fs.mkdirSync(o.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const text = `${JSON.stringify(results, null, 2)}\n`;
  const file = path.join(o.out, `sitting-${results.clients}-${stamp}.json`);
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(o.out, `sitting-${results.clients}-latest.json`), text);
  say(`results written to ${path.relative(process.cwd(), file)} and sitting-${results.clients}-latest.json`);
}

async function main() {
  let o: Options | null;
  try {
    o = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (!o) {
    console.log(usage);
    return 0;
  }
  checkFileLimit(o);
  ensureBuild();
  const database = await freshDatabase(o.databaseUrl);
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await stopChildren();
      await database.drop().catch((error) => console.error(`[bench] could not remove the database: ${error.message}`));
    })());
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      say(`${signal}: stopping the server and workers…`);
      await cleanup();
      process.exit(130);
    });
  }
  try {
    const results = await run(o, database);
    printSummary(results);
    if (o.save) save(o, results);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[bench] failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
