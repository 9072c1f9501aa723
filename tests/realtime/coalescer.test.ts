// The coalescer behind tallies and live state: at most one flush per key per window, the first
// mark after a quiet spell at once, and never two flushes of one key at the same time.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createCoalescer } from "../../server/realtime/coalescer";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A flush that records when it ran and takes `ms` to finish, like a database read. */
function recorder(ms = 0) {
  const runs: { key: string; at: number; markedAt: number }[] = [];
  let inFlight = 0;
  let mostAtOnce = 0;
  const flush = async (key: string, markedAt: number) => {
    runs.push({ key, at: Date.now(), markedAt });
    inFlight += 1;
    mostAtOnce = Math.max(mostAtOnce, inFlight);
    await new Promise((resolve) => setTimeout(resolve, ms));
    inFlight -= 1;
  };
  return { runs, flush, mostAtOnce: () => mostAtOnce };
}

it("a lone mark flushes at once", () => {
  const r = recorder();
  const c = createCoalescer(100, r.flush, () => {});
  c.mark("ballot 1");
  expect(r.runs).toEqual([{ key: "ballot 1", at: 1_000_000, markedAt: 1_000_000 }]);
});

it("a burst of marks flushes once per window, and the last flush comes after the last mark", async () => {
  const r = recorder();
  const c = createCoalescer(100, r.flush, () => {});
  // a mark every 5 ms for one second: 200 marks
  for (let i = 0; i < 200; i++) {
    c.mark("ballot 1");
    await vi.advanceTimersByTimeAsync(5);
  }
  await vi.advanceTimersByTimeAsync(200);
  expect(r.runs.length).toBeLessThanOrEqual(1000 / 100 + 2);
  expect(r.runs.length).toBeGreaterThanOrEqual(10);
  const gaps = r.runs.slice(1).map((run, i) => run.at - r.runs[i].at);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(100);
  const lastMark = 1_000_000 + 199 * 5;
  expect(r.runs.at(-1)!.markedAt).toBe(lastMark);
  expect(r.runs.at(-1)!.at).toBeGreaterThanOrEqual(lastMark);
});

it("keys are coalesced separately", () => {
  const r = recorder();
  const c = createCoalescer(100, r.flush, () => {});
  c.mark("ballot 1");
  c.mark("ballot 2");
  c.mark("ballot 1");
  expect(r.runs.map((run) => run.key)).toEqual(["ballot 1", "ballot 2"]);
});

it("a slow flush is never overlapped by the next one of the same key", async () => {
  const r = recorder(350);
  const c = createCoalescer(100, r.flush, () => {});
  for (let i = 0; i < 100; i++) {
    c.mark("ballot 1");
    await vi.advanceTimersByTimeAsync(10);
  }
  await vi.advanceTimersByTimeAsync(1000);
  expect(r.mostAtOnce()).toBe(1);
  const gaps = r.runs.slice(1).map((run, i) => run.at - r.runs[i].at);
  expect(Math.min(...gaps)).toBeGreaterThanOrEqual(350);
  // the marks made while the last flush ran still get their flush
  expect(r.runs.at(-1)!.markedAt).toBe(1_000_000 + 99 * 10);
});

it("after a quiet spell the next mark flushes at once again", async () => {
  const r = recorder();
  const c = createCoalescer(100, r.flush, () => {});
  c.mark("ballot 1");
  await vi.advanceTimersByTimeAsync(500);
  c.mark("ballot 1");
  expect(r.runs.map((run) => run.at)).toEqual([1_000_000, 1_000_500]);
});

it("a flush that fails is reported and does not stop later ones", async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const c = createCoalescer(
    100,
    async () => {
      calls += 1;
      if (calls === 1) throw new Error("database busy");
    },
    (e) => errors.push(e),
  );
  c.mark("ballot 1");
  await vi.advanceTimersByTimeAsync(0);
  c.mark("ballot 1");
  await vi.advanceTimersByTimeAsync(150);
  expect(calls).toBe(2);
  expect(errors).toEqual([new Error("database busy")]);
});

it("after stop nothing more is flushed", async () => {
  const r = recorder();
  const c = createCoalescer(100, r.flush, () => {});
  c.mark("ballot 1");
  c.mark("ballot 1");
  c.stop();
  c.mark("ballot 1");
  await vi.advanceTimersByTimeAsync(1000);
  expect(r.runs).toHaveLength(1);
  expect(vi.getTimerCount()).toBe(0);
});
