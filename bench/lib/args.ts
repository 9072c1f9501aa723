// Command-line options for `npm run bench:sitting -- ...`.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./children";

export const usage = `Usage: npm run bench:sitting -- [options]

  --clients N              simulated members in the sitting (default 1000)
  --rate R                 votes per second across all members, open loop (default 2500)
  --rounds K               votes per member; from the second on each changes the choice
                           (recorded ballots only; default 1)
  --kind recorded|secret   the live ballot's kind (default recorded)
  --workers W              load-generating processes (default: one per core, ${os.availableParallelism()})
  --connect-concurrency C  handshakes in flight across all workers (default 200)
  --ack-timeout S          seconds to wait for a vote's answer before counting it lost (default 30)
  --database-url URL       postgres://… to run on Postgres (a fresh database is created on that
                           server and dropped afterwards); default: a fresh SQLite file in a temp dir
  --server-node-options S  extra Node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  --profile DIR            write a CPU profile of the server's vote phase into DIR
  --out DIR                where to write results (default bench/results)
  --no-save                print only; write no results file
  --help                   this text
`;

export interface Options {
  clients: number;
  rate: number;
  rounds: number;
  kind: "recorded" | "secret";
  workers: number;
  connectConcurrency: number;
  ackTimeoutMs: number;
  databaseUrl: string | null;
  serverNodeOptions: string[];
  profileDir: string | null;
  out: string;
  save: boolean;
}

function whole(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

export function readOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: "string" },
      rate: { type: "string" },
      rounds: { type: "string" },
      kind: { type: "string" },
      workers: { type: "string" },
      "connect-concurrency": { type: "string" },
      "ack-timeout": { type: "string" },
      "database-url": { type: "string" },
      "server-node-options": { type: "string" },
      profile: { type: "string" },
      out: { type: "string" },
      "no-save": { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) return null;
  const kind = values.kind ?? "recorded";
  if (kind !== "recorded" && kind !== "secret") throw new Error(`--kind is recorded or secret, not "${kind}".`);
  const clients = whole("clients", values.clients, 1000, 3);
  const rounds = whole("rounds", values.rounds, 1);
  if (kind === "secret" && rounds > 1) throw new Error("Secret votes cannot be changed, so --rounds must be 1 for a secret ballot.");
  const databaseUrl = values["database-url"] ?? null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error("--database-url takes a postgres:// URL (SQLite is the default).");
  return {
    clients,
    rate: whole("rate", values.rate, 2500),
    rounds,
    kind,
    workers: Math.min(clients, whole("workers", values.workers, os.availableParallelism())),
    connectConcurrency: whole("connect-concurrency", values["connect-concurrency"], 200),
    ackTimeoutMs: whole("ack-timeout", values["ack-timeout"], 30) * 1000,
    databaseUrl,
    serverNodeOptions: values["server-node-options"]?.split(/\s+/).filter(Boolean) ?? [],
    profileDir: values.profile ? path.resolve(values.profile) : null,
    out: path.resolve(repoRoot, values.out ?? "bench/results"),
    save: !values["no-save"],
  };
}
