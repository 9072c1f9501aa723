// Generating the large record: a fresh database through the real migrations, then the world,
// the plans and every motion's story bulk-loaded in time order, then indexes, the full-text
// indexes (one 'rebuild' each) and the search triggers put back. Progress bars per phase.
import fs from "node:fs";
import cliProgress from "cli-progress";
import { connect } from "../../db/connect";
import { migrateToLatest } from "../../db/migrate";
import { hashPassword } from "../../server/auth/password";
import { planMotions } from "./record-plan";
import { Rng } from "./record-random";
import { BulkWriter } from "./record-sqlite";
import { writeMotion } from "./record-story";
import { Timeline } from "./record-timeline";
import { createWorld } from "./record-world";

export interface GenerateOptions {
  motions: number;
  posts: number;
  responses: number;
  members: number;
  years: number;
  seed: number;
  quorumPercent: number;
  /** show progress bars (off when not on a terminal) */
  bars: boolean;
}

export interface GeneratedRecord {
  file: string;
  seed: number;
  generatedAt: number;
  /** the motion whose discussion has exactly 1,000 posts */
  bigThread: { number: string; posts: number };
  rows: Record<string, number>;
  phases: Record<string, number>;
  trigger: string[];
  foreignKeyViolations: number;
  bytes: number;
}

const seconds = (since: number) => Math.round((performance.now() - since) / 10) / 100;

export async function generateRecord(file: string, options: GenerateOptions): Promise<GeneratedRecord> {
  const phases: Record<string, number> = {};
  const log = (line: string) => process.stdout.write(`${line}\n`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });

  let t = performance.now();
  const handle = connect(`file:${file}`);
  await migrateToLatest(handle.db);
  await handle.close();
  const passwordHash = await hashPassword("bench-record-password");
  phases.schema = seconds(t);

  t = performance.now();
  const now = Date.now();
  const rng = new Rng(options.seed);
  const out = new BulkWriter(file);
  out.setAside();
  const timeline = new Timeline(out);
  const world = createWorld(rng, out, timeline, { now, years: options.years, members: options.members, quorumPercent: options.quorumPercent, passwordHash });
  const { plans, special } = planMotions(world, options);
  phases.people_and_plans = seconds(t);
  log(`  people, bodies and ${world.sittings.length} sittings; ${plans.length.toLocaleString("en-GB")} motions planned (${phases.people_and_plans}s)`);

  t = performance.now();
  const bar = options.bars
    ? new cliProgress.SingleBar(
        { format: "  motions  [{bar}] {percentage}% | {value}/{total} | posts {posts} | audit {audit} | {duration_formatted}", hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(plans.length, 0, { posts: 0, audit: 0 });
  const counters = new Map<number, number>();
  let bigThread = "";
  for (const plan of plans) {
    // Everything before this publication is final: later motions only add later events.
    timeline.flush(plan.publishedAt);
    const number = writeMotion(world, plan, counters, plan === special);
    if (plan === special) bigThread = number!;
    if (plan.id % 500 === 0) bar?.update(plan.id, { posts: timeline.written.posts.toLocaleString("en-GB"), audit: timeline.written.audit.toLocaleString("en-GB") });
  }
  timeline.flush();
  bar?.update(plans.length, { posts: timeline.written.posts.toLocaleString("en-GB"), audit: timeline.written.audit.toLocaleString("en-GB") });
  bar?.stop();
  for (const [year, last] of counters) out.insert("motion_counters", [year, last]);
  out.commit();
  phases.rows = seconds(t);
  log(`  rows written (${phases.rows}s)`);
  if (timeline.written.posts !== options.posts) throw new Error(`wrote ${timeline.written.posts} posts, wanted ${options.posts}`);

  t = performance.now();
  const steps = options.bars ? new cliProgress.SingleBar({ format: "  indexes  [{bar}] {value}/{total} | {step}", hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  const indexSeconds: Record<string, number> = {};
  let done = 0;
  steps?.start(out.finishSteps(), 0, { step: "" });
  for (const step of out.finish()) {
    indexSeconds[step.step] = step.seconds;
    steps?.update(++done, { step: `${step.step} ${step.seconds}s` });
  }
  steps?.stop();
  phases.indexes = seconds(t);
  const ftsTotal = Object.entries(indexSeconds).filter(([k]) => k.startsWith("search")).reduce((a, [, v]) => a + v, 0);
  phases.search_indexes = Math.round(ftsTotal * 100) / 100;
  log(`  indexes, search indexes and triggers (${phases.indexes}s, of which full-text ${phases.search_indexes}s)`);

  t = performance.now();
  const foreignKeyViolations = out.foreignKeyViolations();
  phases.foreign_key_check = seconds(t);
  const rows: Record<string, number> = {};
  for (const table of ["motions", "posts", "responses", "response_actions", "ballots", "recorded_votes", "secret_voters", "seconds", "audit_log", "users", "sittings", "agenda_items"]) {
    rows[table] = (out.db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  }
  const byStatus = out.db.prepare("select status, count(*) as n from motions group by status order by n desc").all() as { status: string; n: number }[];
  for (const s of byStatus) rows[`motions_${s.status}`] = s.n;
  const trigger = out.triggerNames();
  out.close();
  return {
    file,
    seed: options.seed,
    generatedAt: now,
    bigThread: { number: bigThread, posts: special.posts },
    rows,
    phases,
    trigger,
    foreignKeyViolations,
    bytes: fs.statSync(file).size,
  };
}
