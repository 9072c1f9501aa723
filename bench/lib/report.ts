// The targets from the issue, judged against a run's results, and the summary printed at the end.
import type { Summary } from "./stats";

export const TALLY_WINDOW_MS = 100;

export interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean | null; // null: this run cannot judge it (say why in `measured`)
}

export interface Judged {
  clients: number;
  connectedAll: boolean;
  connected: number;
  everyVoteCountedOnce: boolean;
  ackMs: Summary;
  tallyMs: Summary;
  votesPerSecond: number;
  rate: number;
}

const f = (n: number) => (Number.isFinite(n) ? `${n} ms` : "none");

/**
 * The issue's targets: at 1,000 clients, ack p99 under 50 ms and tally p99 under 100 ms beyond
 * the 100 ms coalescing window; at 5,000, everyone connected, every vote counted once, tally p99
 * under 250 ms; at any size, ingest of at least 2,000 votes/s.
 */
export function judge(r: Judged): Target[] {
  const targets: Target[] = [];
  const connected: Target = {
    name: "every client connected",
    target: `${r.clients} of ${r.clients}`,
    measured: `${r.connected} of ${r.clients}`,
    pass: r.connectedAll,
  };
  const once: Target = {
    name: "every vote counted once",
    target: "yes",
    measured: r.everyVoteCountedOnce ? "yes" : "no",
    pass: r.everyVoteCountedOnce,
  };
  if (r.clients <= 1000) {
    targets.push(
      { name: "vote ack p99 (1,000-client target)", target: "< 50 ms", measured: f(r.ackMs.p99), pass: r.ackMs.p99 < 50 },
      {
        name: "commit-to-tally p99 (1,000-client target)",
        target: `< ${TALLY_WINDOW_MS + 100} ms (100 ms beyond the ${TALLY_WINDOW_MS} ms window)`,
        measured: f(r.tallyMs.p99),
        pass: r.tallyMs.p99 < TALLY_WINDOW_MS + 100,
      },
      connected,
      once,
    );
  } else {
    targets.push(
      connected,
      once,
      { name: "commit-to-tally p99 (5,000-client target)", target: "< 250 ms", measured: f(r.tallyMs.p99), pass: r.tallyMs.p99 < 250 },
    );
  }
  targets.push({
    name: "vote ingest",
    target: ">= 2000 votes/s",
    measured: r.rate < 2000 ? `${r.votesPerSecond} votes/s (offered only ${r.rate}/s, so not judged)` : `${r.votesPerSecond} votes/s`,
    pass: r.rate < 2000 ? null : r.votesPerSecond >= 2000,
  });
  return targets;
}

const row = (label: string, s: Summary, unit = "ms") =>
  `  ${label.padEnd(34)} p50 ${s.p50} · p90 ${s.p90} · p99 ${s.p99} · max ${s.max} ${unit}  (n=${s.count})`;

export function printSummary(results: any) {
  const r = results;
  const lines = [
    "",
    `Sitting benchmark: ${r.clients} members, ${r.options.kind} ballot, ${r.options.rate} votes/s offered × ${r.options.rounds} round(s), ${r.options.workers} workers, ${r.database}`,
    `  machine: ${r.machine.cpus} × ${r.machine.cpuModel}, load average ${r.machine.loadBefore.join(" ")} before, ${r.machine.loadAfter.join(" ")} after`,
    "",
    "Connections",
    `  joined the room                    ${r.connect.joined} of ${r.clients} in ${(r.connect.allJoinedMs / 1000).toFixed(1)} s` +
      (r.connect.failed ? `  (failed: ${JSON.stringify(r.connect.errors)})` : ""),
    row("per client (handshake + join)", r.connect.perClientMs),
    `  server CPU while joining           ${r.connect.serverCpuPercentOfOneCore}% of one core; ${r.connect.serverCpuMsPerJoin} ms per member joined`,
    `  load generator CPU while joining   ${r.connect.loadGeneratorCpuPercentOfOneCore.map((n: number) => `${n}%`).join(", ")} of one core per worker`,
    `  connections dropped                ${Object.keys(r.disconnects).length ? JSON.stringify(r.disconnects) : "none"}`,
    "",
    "Votes",
    `  acknowledged                       ${r.votes.acked} of ${r.votes.scheduled}` +
      (Object.keys(r.votes.errorsByCode).length ? `  (failed by code: ${JSON.stringify(r.votes.errorsByCode)})` : ""),
    `  achieved                           ${r.votes.votesPerSecond} votes/s over ${(r.votes.phaseMs / 1000).toFixed(2)} s`,
    row("ack (from scheduled send time)", r.votes.ackMs),
    row("load generator send lag", r.votes.sendLagMs),
    "",
    "Tallies",
    row("commit-to-tally received", r.tally.latencyMs),
    `  tally messages per client          ${r.tally.perClientPerSecond.mean}/s mean, ${r.tally.perClientPerSecond.max}/s max (window ${TALLY_WINDOW_MS} ms)`,
    row("gap between tallies at a client", r.tally.gapBetweenTalliesMs),
    `  final closed tally seen by         ${r.tally.finalTallySeen.finalTurnout} of ${r.connect.joined} clients` +
      (r.tally.closingTallyReachedAllMs === null ? " (not all within 10 s)" : `, all within ${r.tally.closingTallyReachedAllMs} ms of the close`),
    "",
    "Server (vote phase)",
    `  event-loop delay                   p50 ${r.server.votePhase.eventLoopDelayMs.p50} · p99 ${r.server.votePhase.eventLoopDelayMs.p99} · max ${r.server.votePhase.eventLoopDelayMs.max} ms; loop busy ${Math.round(r.server.votePhase.eventLoopUtilization * 100)}%`,
    `  CPU                                ${r.server.votePhase.cpuPercentOfOneCore}% of one core; ${r.votes.serverCpuMsPerVote} ms per acknowledged vote`,
    `  RSS                                ${r.server.rssMB.ready} MB ready → ${r.server.rssMB.joined} MB joined → ${r.server.rssMB.votePhaseMax} MB max in vote phase`,
    `  load generator CPU                 ${r.loadGenerator.map((w: any) => `${w.cpuPercentOfOneCore}%`).join(", ")} of one core per worker`,
    "",
    `Every vote counted once: ${r.exactlyOnce.everyVoteCountedOnce ? "yes" : "NO"} — ${r.exactlyOnce.ballotTotal} counted, ${r.exactlyOnce.successfulAcks} acks, ${r.exactlyOnce.members} members; ` +
      `${r.exactlyOnce.noMemberCountedTwice ? "no member counted twice" : "SOME MEMBER COUNTED TWICE"}` +
      (r.exactlyOnce.problems.length ? `\n  ${r.exactlyOnce.problems.join("\n  ")}` : ""),
    "",
    "Targets",
    ...r.targets.map((t: Target) => `  ${t.pass === null ? "n/a " : t.pass ? "PASS" : "FAIL"}  ${t.name.padEnd(44)} target ${t.target}; measured ${t.measured}`),
    "",
  ];
  console.log(lines.join("\n"));
}
