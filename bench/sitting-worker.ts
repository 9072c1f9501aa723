// One load-generating process of `npm run bench:sitting`: it holds its share of the simulated
// members (real socket.io-client sockets over the websocket transport, each with its own
// session cookie and an Origin header, as a browser sends), joins them to the sitting's room,
// and casts their votes on an open-loop schedule: each vote goes at its appointed time whether or
// not earlier ones were answered, and its latency counts from that time (no coordinated omission).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type Socket, io } from "socket.io-client";
import { addCounts, preciseNow } from "./lib/stats";
import { serveRpc } from "./lib/rpc";
import { type ConnectOrder, type TallySeen, type VoteOrder, CHOICES, choiceFor } from "./lib/plan";

interface Tally {
  ballotId: number;
  status: string;
  turnout: number;
  counts: Record<string, number> | null;
  committedAt: number;
}

let sockets: (Socket | null)[] = [];
let globalIndex: number[] = [];
let stopping = false;
const events: Record<string, number> = {};
const disconnects: Record<string, number> = {};

// Tallies, recorded from `arm` on: commit-to-receive latency, when, and by which client.
let recording = false;
const tallyLatency: number[] = [];
const tallyAt: number[] = [];
const tallyClient: number[] = [];
let lastTally: (Tally | null)[] = [];

// Votes: one entry per scheduled vote.
const ackLatency: number[] = [];
const sendLag: number[] = [];
const voteErrors: Record<string, number> = {};
let lastAcked: (string | null)[] = [];
let lastAckedRound: number[] = [];
let lastAckAt = 0;
let firstSentAt = Infinity;
let cpuAtStart = process.cpuUsage();
let wallAtStart = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });

function connectOne(url: string, origin: string, cookie: string, room: string, local: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ["websocket"],
      forceNew: true, // one connection per member, never multiplexed
      reconnection: false, // a drop must show in the results, not be papered over
      timeout: timeoutMs,
      extraHeaders: { cookie, origin },
    });
    sockets[local] = socket;
    socket.onAny((event: string) => {
      events[event] = (events[event] ?? 0) + 1;
    });
    socket.on("ballot:tally", (t: Tally) => {
      if (!recording) return;
      const now = Date.now();
      tallyLatency.push(now - t.committedAt);
      tallyAt.push(now);
      tallyClient.push(local);
      lastTally[local] = t;
    });
    socket.on("disconnect", (reason) => {
      if (!stopping) disconnects[reason] = (disconnects[reason] ?? 0) + 1;
    });
    socket.once("connect_error", (error) => reject(new Error(`connect: ${error.message}`)));
    socket.once("connect", async () => {
      try {
        const ack = await socket.timeout(timeoutMs).emitWithAck("room:join", { room });
        if (!ack?.ok) throw new Error(`join: ${ack?.error?.code ?? "no answer"}`);
        resolve();
      } catch (error) {
        reject(new Error((error as Error).message.startsWith("join") ? (error as Error).message : "join: timed out"));
      }
    });
  });
}

async function connect(order: ConnectOrder) {
  sockets = new Array(order.clients.length).fill(null);
  globalIndex = order.clients.map((c) => c.index);
  lastTally = new Array(order.clients.length).fill(null);
  lastAcked = new Array(order.clients.length).fill(null);
  lastAckedRound = new Array(order.clients.length).fill(-1);
  const room = `sitting:${order.sittingId}`;
  const connectMs: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const started = Date.now();
  const cpu = process.cpuUsage();
  // A bounded number of handshakes in flight, as a crowd arriving over a few seconds would be.
  const lane = async () => {
    while (next < order.clients.length) {
      const local = next++;
      const t0 = preciseNow();
      try {
        await connectOne(order.url, order.origin, order.clients[local].cookie, room, local, order.timeoutMs);
        connectMs.push(preciseNow() - t0);
      } catch (error) {
        const key = (error as Error).message;
        errors[key] = (errors[key] ?? 0) + 1;
        sockets[local]?.disconnect();
        sockets[local] = null;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, order.concurrency) }, lane));
  const finished = Date.now();
  const used = process.cpuUsage(cpu);
  return {
    joined: connectMs.length,
    failed: order.clients.length - connectMs.length,
    errors,
    connectMs: Float64Array.from(connectMs),
    started,
    finished,
    cpuPercentOfOneCore: Math.round(((used.user + used.system) / 1000 / Math.max(1, finished - started)) * 1000) / 10,
    disconnectsWhileJoining: { ...disconnects },
  };
}

function arm() {
  recording = true;
  return { ok: true };
}

/** Send every vote at its scheduled time; resolve when each has been answered or has timed out. */
function vote(order: VoteOrder): Promise<{ lastAckAt: number; firstSentAt: number }> {
  cpuAtStart = process.cpuUsage();
  wallAtStart = preciseNow();
  loopDelay.reset();
  loopDelay.enable();
  const interval = 1000 / order.rate;
  const schedule: { at: number; local: number; round: number }[] = [];
  for (let round = 0; round < order.rounds; round++) {
    for (let local = 0; local < globalIndex.length; local++) {
      schedule.push({ at: order.startAt + (round * order.total + globalIndex[local]) * interval, local, round });
    }
  }
  schedule.sort((a, b) => a.at - b.at);
  let outstanding = schedule.length;

  return new Promise((resolve) => {
    const settled = () => {
      outstanding -= 1;
      if (outstanding === 0) resolve({ lastAckAt, firstSentAt });
    };
    const fail = (code: string) => {
      voteErrors[code] = (voteErrors[code] ?? 0) + 1;
      settled();
    };
    const send = ({ at, local, round }: (typeof schedule)[number]) => {
      const socket = sockets[local];
      const sentAt = preciseNow();
      firstSentAt = Math.min(firstSentAt, sentAt);
      sendLag.push(sentAt - at);
      if (!socket?.connected) return fail("not_connected");
      const choice = choiceFor(globalIndex[local], round);
      socket.timeout(order.ackTimeoutMs).emit("vote:cast", { ballotId: order.ballotId, choice }, (err: Error | null, ack: any) => {
        const now = preciseNow();
        if (err) return fail("ack_timeout");
        if (!ack?.ok) return fail(ack?.error?.code ?? "bad_ack");
        ackLatency.push(now - at);
        lastAckAt = Math.max(lastAckAt, now);
        // A member's later vote replaces the earlier one, whatever order the answers came in.
        if (round > lastAckedRound[local]) {
          lastAckedRound[local] = round;
          lastAcked[local] = choice;
        }
        settled();
      });
    };
    let k = 0;
    const tick = () => {
      const now = preciseNow();
      while (k < schedule.length && schedule[k].at <= now) send(schedule[k++]);
      if (k < schedule.length) setTimeout(tick, Math.max(0, schedule[k].at - preciseNow()));
    };
    if (!schedule.length) resolve({ lastAckAt, firstSentAt });
    else setTimeout(tick, Math.max(0, schedule[0].at - preciseNow()));
  });
}

function report({ phaseStart, phaseEnd, finalTurnout }: { phaseStart: number; phaseEnd: number; finalTurnout: number }) {
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const wall = preciseNow() - wallAtStart;
  // Tallies each client received while votes were being cast, as a rate.
  const perClient = new Float64Array(sockets.length);
  for (let i = 0; i < tallyAt.length; i++) if (tallyAt[i] >= phaseStart && tallyAt[i] <= phaseEnd) perClient[tallyClient[i]] += 1;
  const seconds = Math.max(0.001, (phaseEnd - phaseStart) / 1000);
  const tallyRate = Float64Array.from(perClient.filter((_, i) => sockets[i]).map((n) => n / seconds));
  // Time between one tally and the next at each client while votes were coming in: with
  // coalescing working, about the 100 ms window; longer gaps mean the display went stale.
  const previous = new Float64Array(sockets.length);
  const tallyGap: number[] = [];
  for (let i = 0; i < tallyAt.length; i++) {
    if (tallyAt[i] < phaseStart || tallyAt[i] > phaseEnd) continue;
    const c = tallyClient[i];
    if (previous[c]) tallyGap.push(tallyAt[i] - previous[c]);
    previous[c] = tallyAt[i];
  }
  const tallySeen: TallySeen = { closed: 0, finalTurnout: 0, none: 0 };
  lastTally.forEach((t, i) => {
    if (!sockets[i]) return;
    if (!t) tallySeen.none += 1;
    else if (t.status === "closed") {
      tallySeen.closed += 1;
      if (t.turnout === finalTurnout) tallySeen.finalTurnout += 1;
    }
  });
  const okByChoice = Object.fromEntries(CHOICES.map((c) => [c, 0]));
  const lastChoices: [number, string][] = [];
  lastAcked.forEach((c, i) => {
    if (c === null) return;
    okByChoice[c] += 1;
    lastChoices.push([globalIndex[i], c]);
  });
  return {
    ackMs: Float64Array.from(ackLatency),
    sendLagMs: Float64Array.from(sendLag),
    voteErrors,
    lastChoices,
    tallyMs: Float64Array.from(tallyLatency),
    tallyRate,
    tallyGapMs: Float64Array.from(tallyGap),
    tallySeen,
    events: addCounts({}, events),
    disconnects,
    cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 1000) / 10,
    eventLoopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e5) / 10,
    rssMB: Math.round(process.memoryUsage.rss() / 1024 / 1024),
  };
}

/** How many members have been shown the ballot closed (the parent waits for this before reading back). */
function closedSeen() {
  return lastTally.filter((t, i) => sockets[i] && t?.status === "closed").length;
}

function stop() {
  stopping = true;
  for (const s of sockets) s?.disconnect();
  setTimeout(() => process.exit(0), 50);
  return { ok: true };
}

serveRpc({ connect, arm, vote, report, closedSeen, stop }, () => {
  stopping = true;
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(1));
