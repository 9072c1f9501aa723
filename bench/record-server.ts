// The real server for `npm run bench:record`, run as a child process (NODE_ENV=production) so the
// load generator never shares its event loop or heap. Beside serving, it answers the benchmark
// over IPC: its own time per request (from the request event to the last byte handed to the
// socket, grouped by an x-bench-label header), its memory, sampled every 50 ms while asked, and
// the search engine timed directly (the same database handle the pages use).
import { searchDiscussion, searchRecord, searchTerms } from "../db/search";
import { loadConfig } from "../server/config";
import { searchFilterChoices, type SearchRequest } from "../server/queries/search";
import { startParliament } from "../server/start";

type Message =
  | { type: "timings"; label: string }
  | { type: "sample-start" }
  | { type: "sample-stop" }
  | { type: "memory" }
  | { type: "engine"; requests: { label: string; request: SearchRequest }[]; runs: number }
  | { type: "page-data"; number: string; runs: number }
  | { type: "idle" }
  | { type: "stop" };

const send = (message: unknown) => process.send?.(message);
const logs: string[] = [];
const parliament = await startParliament(loadConfig(process.env), { log: (line) => logs.push(line) });

const timings = new Map<string, number[]>();
/** requests being handled, including those whose client has already gone (a load run's leftovers) */
let inFlight = 0;
parliament.httpServer.prependListener("request", (req, res) => {
  inFlight++;
  res.once("close", () => inFlight--);
  const label = req.headers["x-bench-label"];
  if (typeof label !== "string") return;
  const start = process.hrtime.bigint();
  res.once("finish", () => {
    const list = timings.get(label) ?? [];
    list.push(Number(process.hrtime.bigint() - start) / 1e6);
    timings.set(label, list);
  });
});

let sampler: NodeJS.Timeout | null = null;
let peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
let samples = 0;

function sample() {
  const m = process.memoryUsage();
  samples++;
  peak = {
    rss: Math.max(peak.rss, m.rss),
    heapUsed: Math.max(peak.heapUsed, m.heapUsed),
    external: Math.max(peak.external, m.external),
    arrayBuffers: Math.max(peak.arrayBuffers, m.arrayBuffers),
  };
}

/**
 * How late a 1 ms timer runs while `work` runs: what the work does to everything else the
 * server's event loop has to do. A timer that never got to run is as late as the whole work.
 */
async function timerLateness<T>(work: () => Promise<T>, late: number[]): Promise<T> {
  let due = performance.now() + 1;
  let timer = setTimeout(function tick() {
    const now = performance.now();
    late.push(Math.max(0, now - due));
    due = now + 1;
    timer = setTimeout(tick, 1);
  }, 1);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    late.push(Math.max(0, performance.now() - due));
  }
}

/** Each request `runs` times: the whole page query, then its parts on their own. */
async function engine(requests: { label: string; request: SearchRequest }[], runs: number) {
  const db = parliament.database.reads;
  const results: { label: string; total: number[]; record: number[]; discussion: number[]; choices: number[] }[] = [];
  const eventLoopLate: number[] = [];
  for (const { label, request } of requests) {
    const r = { label, total: [] as number[], record: [] as number[], discussion: [] as number[], choices: [] as number[] };
    const terms = searchTerms(request.q);
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await timerLateness(() => parliament.services.read.search(request), eventLoopLate);
      r.total.push(performance.now() - t);
      t = performance.now();
      await searchRecord(db, { terms, filters: request.filters, sort: request.sort, limit: 21 });
      r.record.push(performance.now() - t);
      t = performance.now();
      await searchDiscussion(db, { terms, filters: request.filters, limit: 6 });
      r.discussion.push(performance.now() - t);
      t = performance.now();
      await searchFilterChoices(db);
      r.choices.push(performance.now() - t);
    }
    results.push(r);
  }
  return { results, eventLoopLate };
}

process.on("message", async (message: Message) => {
  switch (message.type) {
    case "timings":
      send({ type: "timings", label: message.label, durations: timings.get(message.label) ?? [] });
      timings.delete(message.label);
      return;
    case "sample-start":
      peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
      samples = 0;
      sample();
      sampler = setInterval(sample, 50);
      send({ type: "sampling", memory: process.memoryUsage() });
      return;
    case "sample-stop":
      if (sampler) clearInterval(sampler);
      sample();
      send({ type: "sampled", peak, samples, memory: process.memoryUsage() });
      return;
    case "memory":
      send({ type: "memory", memory: process.memoryUsage() });
      return;
    case "page-data": {
      // The motion page's data alone (no rendering), as a signed-out reader gets it.
      const durations: number[] = [];
      for (let i = 0; i < message.runs; i++) {
        const t = performance.now();
        await parliament.services.read.motionPage(message.number, null);
        durations.push(performance.now() - t);
      }
      send({ type: "page-data", durations });
      return;
    }
    case "engine":
      send({ type: "engine", ...(await engine(message.requests, message.runs)) });
      return;
    case "idle": {
      const started = performance.now();
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 50));
      send({ type: "idle", waitedMs: Math.round(performance.now() - started) });
      return;
    }
    case "stop":
      await parliament.stop();
      send({ type: "stopped", logs });
      process.exit(0);
  }
});

send({ type: "ready", port: parliament.port, pid: process.pid, database: parliament.database.description });
