// The results: targets judged against the figures, a JSON file per run (and record-latest.json),
// and a readable summary on the terminal.
import fs from "node:fs";
import path from "node:path";
import type { ExportResult } from "./record-export";
import type { LoadResult } from "./record-http";
import type { Stats } from "./record-stats";

export interface Target {
  name: string;
  target: string;
  measured: string;
  pass: boolean | null;
  /** by how much it was missed, when it was */
  missedBy?: string;
}

export interface Results {
  motionPage?: { saturation: LoadResult; atTargetRate: LoadResult; pagesRotated: number; meanPostsPerPage: number };
  listPage?: { saturation: LoadResult; pathsRotated: number };
  search?: {
    page: { unfiltered: Stats; filtered: Stats; serverUnfiltered: Stats; serverFiltered: Stats };
    engine: Record<string, Stats>;
    /** how late a 1 ms timer ran while the whole searches ran: what a search does to the rest of the server */
    eventLoopLateMs?: Stats;
  };
  bigThread?: { number: string; posts: number; client: Stats; server: Stats; data: Stats; bytes: number };
  export?: ExportResult[];
}

const ms = (x: number) => `${x} ms`;

export function judge(r: Results): Target[] {
  const t: Target[] = [];
  const add = (name: string, target: string, value: number | undefined, limit: number, unit: string, atLeast = false) => {
    if (value === undefined) return t.push({ name, target, measured: "not measured", pass: null });
    const pass = atLeast ? value >= limit : value < limit;
    const miss = atLeast ? limit - value : value - limit;
    t.push({ name, target, measured: `${value} ${unit}`, pass, ...(pass ? {} : { missedBy: `${Math.round(miss * 10) / 10} ${unit} (${Math.round((miss / limit) * 100)}%)` }) });
  };
  add("motion page throughput (50 connections, saturated)", ">= 500 req/s", r.motionPage?.saturation.reqPerSec, 500, "req/s", true);
  add("motion page p95 at 500 req/s offered (50 connections)", "< 30 ms", r.motionPage?.atTargetRate.latency.p95, 30, "ms");
  add("motion page p95 when saturated (for reference)", "< 30 ms", r.motionPage?.saturation.latency.p95, 30, "ms");
  add("search page p95, no filters", "< 20 ms", r.search?.page.unfiltered.p95, 20, "ms");
  add("search page p95, with filters", "< 20 ms", r.search?.page.filtered.p95, 20, "ms");
  add("1,000-post thread page p95 (p50 shown in the summary)", "< 200 ms", r.bigThread?.client.p95, 200, "ms");
  for (const e of r.export ?? []) add(`/record.json${e.gzip ? " (gzip)" : ""} peak RSS growth`, "< 100 MB", e.rssMB.growth, 100, "MB");
  return t;
}

export function writeResults(dir: string, document: Record<string, unknown>): string {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const file = path.join(dir, `record-${stamp}.json`);
  const text = `${JSON.stringify(document, null, 2)}\n`;
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, "record-latest.json"), text);
  return file;
}

const line = (label: string, s: Stats) => `p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)} (n=${s.n})`;

export function summary(r: Results, targets: Target[]): string {
  const out: string[] = [""];
  const load = (name: string, l: LoadResult) =>
    out.push(
      `  ${name}: ${l.reqPerSec} req/s${l.offeredRate ? ` (offered ${l.offeredRate})` : ""}, latency ${line("", l.latency)}`,
      `      server's own time ${line("", l.server)}; non-2xx ${l.non2xx}, errors ${l.errors} (timeouts ${l.timeouts}), ${Math.round(l.bytesPerRequest / 1024)} KB/response; ${Math.round(l.leftoverMs / 100) / 10} s of queued work left at the end`,
    );
  if (r.motionPage) {
    out.push(`Motion page (${r.motionPage.pagesRotated} motions rotated, ${r.motionPage.meanPostsPerPage} posts on average):`);
    load("saturated, 50 connections", r.motionPage.saturation);
    load("fixed rate, 50 connections", r.motionPage.atTargetRate);
  }
  if (r.listPage) {
    out.push(`List page (${r.listPage.pathsRotated} addresses rotated):`);
    load("saturated, 50 connections", r.listPage.saturation);
  }
  if (r.search) {
    out.push("Search page (one client, sequential):");
    out.push(`  no filters:   ${line("", r.search.page.unfiltered)}; server ${line("", r.search.page.serverUnfiltered)}`);
    out.push(`  with filters: ${line("", r.search.page.filtered)}; server ${line("", r.search.page.serverFiltered)}`);
    out.push("Search engine alone (searchPublicRecord and its parts, in the server process):");
    for (const [k, s] of Object.entries(r.search.engine)) out.push(`  ${k.padEnd(22)} ${line("", s)}`);
    if (r.search.eventLoopLateMs) out.push(`  while the whole searches ran, a 1 ms timer was late by ${line("", r.search.eventLoopLateMs)}`);
  }
  if (r.bigThread) {
    const b = r.bigThread;
    out.push(`Thread of ${b.posts} posts (${b.number}, ${Math.round(b.bytes / 1024)} KB of HTML):`);
    out.push(`  page:  ${line("", b.client)}`, `  server: ${line("", b.server)}`, `  data only (getMotionPage): ${line("", b.data)}`);
  }
  for (const e of r.export ?? []) {
    out.push(
      `Export ${e.path}${e.gzip ? " (gzip)" : ""}: ${e.seconds} s to the last byte (first byte ${e.ttfbMs} ms), ${Math.round(e.bytes / 1048576)} MB${e.complete ? "" : " (INCOMPLETE)"}`,
      `  server RSS ${e.rssMB.before} MB before, peak ${e.rssMB.peak} MB (growth ${e.rssMB.growth} MB; anonymous memory +${e.anonMB.growth} MB), heap peak ${e.serverPeakMB.heapUsed} MB (before ${e.serverPeakMB.heapBefore} MB)`,
    );
  }
  out.push("", "Targets:");
  for (const t of targets) {
    const mark = t.pass === null ? "  -  " : t.pass ? "PASS " : "MISS ";
    out.push(`  ${mark} ${t.name}: ${t.measured} (target ${t.target})${t.missedBy ? `, missed by ${t.missedBy}` : ""}`);
  }
  return out.join("\n");
}
