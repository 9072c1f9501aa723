// HTTP measurements against the running server: load with autocannon (every response time
// kept, so p95 is exact; autocannon's own histogram reports p97.5, not p95), and sequential
// requests from one client for latency without queueing. Each request carries an
// x-bench-label so the server reports its own time for the same requests.
import autocannon from "autocannon";
import type { BenchServer } from "./record-child";
import { type Stats, stats } from "./record-stats";

export interface LoadResult {
  connections: number;
  seconds: number;
  /** offered rate for a fixed-rate run; null when saturating */
  offeredRate: number | null;
  requests: number;
  reqPerSec: number;
  latency: Stats;
  /** the server's own time for the same requests */
  server: Stats;
  autocannon: { p50: number; p97_5: number; p99: number; reqPerSecAverage: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
  /** how long the server went on with requests still queued when the run ended */
  leftoverMs: number;
}

export interface LoadOptions {
  label: string;
  paths: () => string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  overallRate?: number;
  gzip: boolean;
}

function headers(label: string, gzip: boolean): Record<string, string> {
  return {
    accept: "text/html,application/xhtml+xml",
    "user-agent": "bench-record (autocannon)",
    "x-bench-label": label,
    ...(gzip ? { "accept-encoding": "gzip" } : {}),
  };
}

async function run(server: BenchServer, o: LoadOptions, label: string, seconds: number) {
  const samples: number[] = [];
  const instance = autocannon({
    url: server.url,
    connections: o.connections,
    duration: seconds,
    overallRate: o.overallRate,
    // Long enough that a slow page is measured rather than counted as an error.
    timeout: 30,
    headers: headers(label, o.gzip),
    requests: [{ setupRequest: (request) => ({ ...request, path: o.paths() }) }],
  }) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  // Without a callback, autocannon returns its event emitter made thenable.
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => samples.push(responseTime));
  const result = await instance;
  return { result, samples };
}

export async function loadTest(server: BenchServer, o: LoadOptions): Promise<LoadResult> {
  // Requests left over from an earlier run would otherwise be counted against this one.
  await server.idle();
  if (o.warmupSeconds > 0) {
    await run(server, o, `${o.label}-warmup`, o.warmupSeconds);
    await server.idle();
    await server.timings(`${o.label}-warmup`);
  }
  const started = performance.now();
  const { result, samples } = await run(server, o, o.label, o.seconds);
  const seconds = (performance.now() - started) / 1000;
  // The server's time for what it finished during the run; leftovers finish before the next one.
  const server_ = await server.timings(o.label);
  const leftoverMs = await server.idle();
  return {
    connections: o.connections,
    seconds: Math.round(seconds * 10) / 10,
    offeredRate: o.overallRate ?? null,
    requests: samples.length,
    reqPerSec: Math.round((samples.length / seconds) * 10) / 10,
    latency: stats(samples),
    server: stats(server_),
    autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, reqPerSecAverage: result.requests.average },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: samples.length ? Math.round(result.throughput.total / samples.length) : 0,
    leftoverMs,
  };
}

export interface SequentialResult {
  client: Stats;
  server: Stats;
  bytes: number;
  statuses: Record<string, number>;
}

/** Each path in turn, `runs` rounds, one request at a time on a kept-alive connection. */
export async function sequential(server: BenchServer, label: string, paths: string[], runs: number, gzip: boolean): Promise<SequentialResult & { perPath: Map<string, number[]> }> {
  const client: number[] = [];
  const perPath = new Map<string, number[]>();
  const statuses: Record<string, number> = {};
  let bytes = 0;
  for (let round = 0; round < runs; round++) {
    for (const path of paths) {
      const t = performance.now();
      const response = await fetch(server.url + path, { headers: headers(label, gzip) });
      const body = await response.arrayBuffer();
      const ms = performance.now() - t;
      client.push(ms);
      perPath.set(path, [...(perPath.get(path) ?? []), ms]);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      bytes = Math.max(bytes, body.byteLength);
    }
  }
  return { client: stats(client), server: stats(await server.timings(label)), bytes, statuses, perPath };
}
