// The full /record.json download: time to first and last byte, bytes, and how much the
// server's memory grows meanwhile. RSS is read two ways every 50 ms: from /proc by this
// process (independent of the server's event loop) and by the server itself (with its heap).
import http from "node:http";
import type { BenchServer } from "./record-child";
import { mb } from "./record-stats";

export interface ExportResult {
  path: string;
  gzip: boolean;
  ttfbMs: number;
  seconds: number;
  bytes: number;
  complete: boolean;
  rssMB: { before: number; peak: number; growth: number; after: number };
  /** the anonymous part of RSS (without file pages, e.g. a memory-mapped database) */
  anonMB: { before: number; peak: number; growth: number };
  serverPeakMB: { rss: number; heapUsed: number; heapBefore: number; external: number };
  samples: number;
  /** RSS over time (seconds since start, MB), one point a second */
  curve: [number, number][];
}

export async function measureExport(server: BenchServer, path: string, gzip: boolean): Promise<ExportResult> {
  const sampling = await server.ask<{ memory: NodeJS.MemoryUsage }>({ type: "sample-start" }, "sampling");
  const start = server.memory();
  const before = start.rss;
  let peak = before;
  let peakAnon = start.anon;
  let samples = 0;
  const curve: [number, number][] = [];
  const started = performance.now();
  const timer = setInterval(() => {
    const { rss, anon } = server.memory();
    samples++;
    peak = Math.max(peak, rss);
    peakAnon = Math.max(peakAnon, anon);
    const second = Math.floor((performance.now() - started) / 1000);
    if (curve.length <= second) curve.push([second, mb(rss)]);
  }, 50);

  let ttfb = 0;
  let bytes = 0;
  let tail = "";
  let sawPersons = false;
  await new Promise<void>((resolve, reject) => {
    const request = http.get(server.url + path, { headers: { "user-agent": "bench-record (export)", ...(gzip ? { "accept-encoding": "gzip" } : {}) } }, (response) => {
      ttfb = performance.now() - started;
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (gzip) return;
        const joined = tail + chunk.toString("latin1");
        sawPersons ||= joined.includes('"persons":[');
        tail = joined.slice(-200);
      });
      response.on("end", resolve);
      response.on("error", reject);
    });
    request.on("error", reject);
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  const sampled = await server.ask<{ peak: { rss: number; heapUsed: number; external: number }; samples: number }>({ type: "sample-stop" }, "sampled");
  peak = Math.max(peak, sampled.peak.rss);
  const after = server.rss();
  return {
    path,
    gzip,
    ttfbMs: Math.round(ttfb),
    seconds: Math.round(seconds * 100) / 100,
    bytes,
    // The JSON ends with the people list: a cut-short download would not.
    complete: gzip ? true : sawPersons && tail.endsWith("}\n"),
    rssMB: { before: mb(before), peak: mb(peak), growth: mb(peak - before), after: mb(after) },
    anonMB: { before: mb(start.anon), peak: mb(peakAnon), growth: mb(peakAnon - start.anon) },
    serverPeakMB: { rss: mb(sampled.peak.rss), heapUsed: mb(sampled.peak.heapUsed), heapBefore: mb(sampling.memory.heapUsed), external: mb(sampled.peak.external) },
    samples: samples + sampled.samples,
    curve,
  };
}
