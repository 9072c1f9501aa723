// `npm run bench:record`: the public record at 100,000 motions. Generates a realistic record on
// a fresh SQLite database (or reuses one), starts the real server in a child process, and
// measures motion and list pages under load (autocannon, 50 connections), search latency with
// and without filters (pages, and the engine alone), a 1,000-post thread, and the full
// /record.json export's time and memory. Results go to bench/results/record-*.json.
//
//   npm run bench:record                         generate in a temp dir, measure, delete it
//   npm run bench:record -- --keep /tmp/r.db     generate there and keep it
//   npm run bench:record -- --reuse /tmp/r.db    skip generation
//   npm run bench:record -- --help               every option
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import SQLite from "better-sqlite3";
import { loadConfig } from "../server/config";
import { BenchServer } from "./lib/record-child";
import { measureExport } from "./lib/record-export";
import { type GeneratedRecord, generateRecord } from "./lib/record-generate";
import { loadTest, sequential } from "./lib/record-http";
import { type Results, judge, summary, writeResults } from "./lib/record-report";
import { load, stats, waitForQuiet } from "./lib/record-stats";
import { buildWorkload } from "./lib/record-workload";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    motions: { type: "string", default: "100000" },
    posts: { type: "string", default: "1000000" },
    responses: { type: "string", default: "20000" },
    members: { type: "string", default: "2000" },
    years: { type: "string", default: "8" },
    seed: { type: "string", default: "20260" },
    "quorum-percent": { type: "string", default: "3" },
    keep: { type: "string" },
    reuse: { type: "string" },
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "5" },
    "target-rate": { type: "string", default: "500" },
    "search-runs": { type: "string", default: "5" },
    "thread-runs": { type: "string", default: "20" },
    only: { type: "string", default: "motion,list,search,thread,export" },
    "no-gzip": { type: "boolean", default: false },
    "export-gzip": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    "max-load": { type: "string", default: "2" },
    "max-wait": { type: "string", default: "300" },
    out: { type: "string", default: path.join(root, "bench/results") },
    "no-save": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  console.log(`npm run bench:record -- [options]
  --motions N --posts N --responses N --members N --years N --seed N --quorum-percent N   the generated record
  --keep PATH        keep the generated database at PATH       --reuse PATH   measure an existing one
  --connections N    autocannon connections (50)               --duration S   seconds per load run (15)
  --warmup S         warm-up seconds before each load run (5)  --target-rate N  fixed-rate run (500 req/s)
  --search-runs N    rounds over the search set (5)            --thread-runs N  1,000-post page runs (20)
  --only LIST        motion,list,search,thread,export          --no-gzip      send no Accept-Encoding
  --export-gzip      also measure a gzipped export             --cpu-prof DIR   V8 profile of the server
  --max-load X       wait while the 1-min load is above X (2)  --max-wait S   for at most S seconds (300)
  --out DIR          where results go (bench/results)          --no-save      print only`);
  process.exit(0);
}

const num = (name: keyof typeof args) => Number(args[name]);
const say = (line: string) => console.log(line);
const only = new Set(String(args.only).split(","));
const gzip = !args["no-gzip"];
const startedAt = new Date();
const loadAtStart = load();

say(`bench:record on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; load ${loadAtStart.join(" ")}`);

// 1. The database.
let file: string;
let generated: GeneratedRecord | null = null;
let tempDir: string | null = null;
if (args.reuse) {
  file = path.resolve(args.reuse);
  if (!fs.existsSync(file)) throw new Error(`--reuse ${file}: no such database`);
  say(`Reusing ${file} (${Math.round(fs.statSync(file).size / 2 ** 20)} MB)`);
  // A database made with --keep carries how it was generated, so reused runs report it too.
  if (fs.existsSync(`${file}.generation.json`)) generated = JSON.parse(fs.readFileSync(`${file}.generation.json`, "utf8"));
} else {
  if (args.keep) file = path.resolve(args.keep);
  else {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-record-"));
    file = path.join(tempDir, "record.db");
  }
  say(`Generating ${num("motions").toLocaleString("en-GB")} motions, ${num("posts").toLocaleString("en-GB")} posts, ${num("responses").toLocaleString("en-GB")} responses into ${file}`);
  const t = performance.now();
  generated = await generateRecord(file, {
    motions: num("motions"), posts: num("posts"), responses: num("responses"), members: num("members"), years: num("years"),
    seed: num("seed"), quorumPercent: num("quorum-percent"), bars: process.stdout.isTTY === true,
  });
  generated.phases.total = Math.round((performance.now() - t) / 100) / 10;
  say(`Generated in ${generated.phases.total}s: ${Math.round(generated.bytes / 2 ** 20)} MB; ${Object.entries(generated.rows).map(([k, v]) => `${k} ${v.toLocaleString("en-GB")}`).join(", ")}`);
  if (generated.foreignKeyViolations) throw new Error(`${generated.foreignKeyViolations} foreign key violations in the generated record`);
  if (args.keep) fs.writeFileSync(`${file}.generation.json`, `${JSON.stringify(generated, null, 2)}\n`);
}

const facts = (() => {
  const db = new SQLite(file, { readonly: true });
  const big = db.prepare("select m.number, count(*) as posts from posts p join motions m on m.id = p.motion_id group by p.motion_id order by posts desc limit 1").get() as { number: string; posts: number };
  const rows = Object.fromEntries(
    ["motions", "posts", "responses", "audit_log"].map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n]),
  );
  const triggers = (db.prepare("select name from sqlite_master where type = 'trigger' order by name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return { big, rows, triggers };
})();

// 2. The app build the server runs (as npm start does).
const build = spawnSync(process.execPath, [path.join(root, "scripts/build-if-needed.mjs")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) throw new Error("the app build failed");
const buildStamp = fs.statSync(path.join(root, "build/index.js")).mtime.toISOString();

const workload = buildWorkload(file, { pages: 5000, seed: num("seed"), exclude: facts.big.number });
const loadBefore = await waitForQuiet(num("max-load"), num("max-wait"), say);
say(`Starting the server (load ${loadBefore.join(" ")})…`);
const server = await BenchServer.start({ databaseFile: file, quorumPercent: num("quorum-percent"), cpuProfDir: args["cpu-prof"] });
// The scheduler's first sweep runs at start; let it finish before anything is timed.
await new Promise((r) => setTimeout(r, 3000));

const results: Results = {};
const sectionLoad: Record<string, { before: number[]; after: number[] }> = {};
async function section(name: string, work: () => Promise<void>) {
  if (!only.has(name)) return;
  const before = load();
  say(`\n[${name}] load ${before.join(" ")}`);
  await work();
  sectionLoad[name] = { before, after: load() };
}
const common = { connections: num("connections"), seconds: num("duration"), warmupSeconds: num("warmup"), gzip };
let turn = 0;
const rotate = (paths: string[]) => () => paths[turn++ % paths.length];

try {
  await section("motion", async () => {
    const paths = workload.motionNumbers.map((n) => `/motions/${n}`);
    const saturation = await loadTest(server, { ...common, label: "motion", paths: rotate(paths) });
    say(`  saturated: ${saturation.reqPerSec} req/s, p50 ${saturation.latency.p50} ms, p95 ${saturation.latency.p95} ms, p99 ${saturation.latency.p99} ms`);
    const atTargetRate = await loadTest(server, { ...common, warmupSeconds: 0, label: "motion-rate", paths: rotate(paths), overallRate: num("target-rate") });
    say(`  at ${num("target-rate")} req/s offered: ${atTargetRate.reqPerSec} req/s, p50 ${atTargetRate.latency.p50} ms, p95 ${atTargetRate.latency.p95} ms, p99 ${atTargetRate.latency.p99} ms`);
    results.motionPage = { saturation, atTargetRate, pagesRotated: paths.length, meanPostsPerPage: workload.meanPosts };
  });

  await section("list", async () => {
    const saturation = await loadTest(server, { ...common, label: "list", paths: rotate(workload.listPaths) });
    say(`  saturated: ${saturation.reqPerSec} req/s, p50 ${saturation.latency.p50} ms, p95 ${saturation.latency.p95} ms, p99 ${saturation.latency.p99} ms`);
    results.listPage = { saturation, pathsRotated: workload.listPaths.length };
  });

  await section("search", async () => {
    const unfiltered = workload.search.filter((s) => !s.filtered);
    const filtered = workload.search.filter((s) => s.filtered);
    await sequential(server, "search-warm", workload.search.map((s) => s.path), 1, gzip);
    const u = await sequential(server, "search-unfiltered", unfiltered.map((s) => s.path), num("search-runs"), gzip);
    const f = await sequential(server, "search-filtered", filtered.map((s) => s.path), num("search-runs"), gzip);
    if (u.statuses["200"] !== u.client.n || f.statuses["200"] !== f.client.n) say(`  warning: not every search page answered 200: ${JSON.stringify([u.statuses, f.statuses])}`);
    const engine = await server.ask<{
      results: { label: string; total: number[]; record: number[]; discussion: number[]; choices: number[] }[];
      eventLoopLate: number[];
    }>(
      { type: "engine", requests: workload.search.map(({ label, request }) => ({ label, request })), runs: num("search-runs") },
      "engine",
    );
    const part = (filter: (label: string) => boolean, key: "total" | "record" | "discussion" | "choices") =>
      stats(engine.results.filter((r) => filter(r.label)).flatMap((r) => r[key]));
    const isFiltered = (label: string) => label.includes(" [");
    results.search = {
      page: { unfiltered: u.client, filtered: f.client, serverUnfiltered: u.server, serverFiltered: f.server },
      engine: {
        "whole, no filters": part((l) => !isFiltered(l), "total"),
        "whole, with filters": part(isFiltered, "total"),
        "record hits": part(() => true, "record"),
        "discussion hits": part(() => true, "discussion"),
        "filter choices": part(() => true, "choices"),
      },
      eventLoopLateMs: stats(engine.eventLoopLate),
    };
    const slowest = [...u.perPath, ...f.perPath].map(([p, t]) => [p, stats(t).p50] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
    (results.search as Record<string, unknown>).slowestPages = Object.fromEntries(slowest);
    say(`  pages: no filters p95 ${u.client.p95} ms, with filters p95 ${f.client.p95} ms; slowest p50: ${slowest.map(([p, t]) => `${decodeURIComponent(p)} ${t} ms`).join("; ")}`);
  });

  await section("thread", async () => {
    const pathOf = `/motions/${facts.big.number}`;
    await sequential(server, "thread-warm", [pathOf], 3, gzip);
    const r = await sequential(server, "thread", [pathOf], num("thread-runs"), gzip);
    const data = await server.ask<{ durations: number[] }>({ type: "page-data", number: facts.big.number, runs: num("thread-runs") }, "page-data");
    results.bigThread = { number: facts.big.number, posts: facts.big.posts, client: r.client, server: r.server, data: stats(data.durations), bytes: r.bytes };
    say(`  ${facts.big.posts} posts: p50 ${r.client.p50} ms, p95 ${r.client.p95} ms, max ${r.client.max} ms; data alone p50 ${stats(data.durations).p50} ms`);
  });

  await section("export", async () => {
    results.export = [await measureExport(server, "/record.json", false)];
    if (args["export-gzip"]) results.export.push(await measureExport(server, "/record.json", true));
    for (const e of results.export) say(`  ${e.gzip ? "gzip" : "identity"}: ${e.seconds} s, ${Math.round(e.bytes / 2 ** 20)} MB, RSS growth ${e.rssMB.growth} MB${e.complete ? "" : " INCOMPLETE"}`);
  });
} finally {
  const logs = await server.stop();
  if (logs.length) say(`\nServer log during the run:\n  ${logs.join("\n  ")}`);
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
}

const targets = judge(results);
const document = {
  benchmark: "record",
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version, load: { atStart: loadAtStart, beforeServer: loadBefore, atEnd: load(), sections: sectionLoad } },
  database: { dialect: "sqlite", file: tempDir ? "(temporary)" : file, bytes: fs.existsSync(file) ? fs.statSync(file).size : generated?.bytes, rows: facts.rows, triggers: facts.triggers, generated, reused: Boolean(args.reuse) },
  build: { builtAt: buildStamp },
  settings: { readThreads: loadConfig(process.env).readThreads, connections: common.connections, durationSeconds: common.seconds, warmupSeconds: common.warmupSeconds, targetRate: num("target-rate"), gzip, searchRuns: num("search-runs"), threadRuns: num("thread-runs"), searchQueries: workload.search.length, quorumPercent: num("quorum-percent"), cpuProfile: args["cpu-prof"] ?? null },
  results,
  targets,
};
say(summary(results, targets));
say(`\nLoad average at the end: ${load().join(" ")}`);
if (!args["no-save"]) say(`Results: ${path.relative(root, writeResults(args.out!, document))} (and record-latest.json)`);
