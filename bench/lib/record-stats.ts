// Percentiles from raw samples (nearest rank), so every figure can be traced to the samples.
import os from "node:os";

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

const round = (x: number) => Math.round(x * 100) / 100;

export function stats(samples: number[]): Stats {
  if (!samples.length) return { n: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))];
  return {
    n: sorted.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

export function load(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

export const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Waits (up to `maxSeconds`) for the one-minute load average to drop below `threshold`. */
export async function waitForQuiet(threshold: number, maxSeconds: number, say: (line: string) => void): Promise<number[]> {
  const until = Date.now() + maxSeconds * 1000;
  let warned = false;
  while (os.loadavg()[0] > threshold && Date.now() < until) {
    if (!warned) say(`  load average ${load().join(" ")} is above ${threshold}; waiting up to ${maxSeconds}s for a quieter moment…`);
    warned = true;
    await new Promise((r) => setTimeout(r, 5000));
  }
  return load();
}
