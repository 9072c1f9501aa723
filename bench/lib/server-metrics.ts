// What the server process measures about itself during the vote phase: event-loop delay (a
// timer that should fire every millisecond, and how late it was), how busy the loop was, CPU
// and memory. Sampled inside the server so the load generator's own work does not blur it.
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const MB = 1024 * 1024;
const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / MB);

export function memoryNow() {
  const m = process.memoryUsage();
  return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed) };
}

export function createPhaseMetrics() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let startedAt = 0;
  let cpu = process.cpuUsage();
  let elu = performance.eventLoopUtilization();
  let rssMax = 0;
  let sampler: NodeJS.Timeout | null = null;

  return {
    begin() {
      delay.reset();
      startedAt = performance.now();
      cpu = process.cpuUsage();
      elu = performance.eventLoopUtilization();
      rssMax = process.memoryUsage.rss();
      sampler = setInterval(() => {
        rssMax = Math.max(rssMax, process.memoryUsage.rss());
      }, 50);
    },

    end() {
      if (sampler) clearInterval(sampler);
      const wallMs = performance.now() - startedAt;
      const used = process.cpuUsage(cpu);
      const loop = performance.eventLoopUtilization(elu);
      rssMax = Math.max(rssMax, process.memoryUsage.rss());
      return {
        durationMs: Math.round(wallMs),
        eventLoopDelayMs: {
          // the histogram holds how late each 1 ms timer fired; subtract nothing, report as is
          p50: ms(delay.percentile(50)),
          p90: ms(delay.percentile(90)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
          mean: ms(delay.mean),
        },
        eventLoopUtilization: Math.round(loop.utilization * 1000) / 1000,
        cpuMs: Math.round((used.user + used.system) / 1000),
        cpuPercentOfOneCore: Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 10,
        rssMaxMB: mb(rssMax),
        ...memoryNow(),
      };
    },
  };
}
