// Slows password guessing: after 5 failures for one address from one client within 15 minutes,
// that pair waits 15 minutes from the last failure. In memory on purpose: one process per
// deployment for now, and a restart forgiving everyone is harmless.

export const THROTTLE_LIMIT = 5;
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** Past this many tracked keys, forgotten entries are swept so guessing many emails cannot fill memory. */
const SWEEP_AT = 10_000;

interface Entry {
  count: number;
  /** first failure of the current window */
  since: number;
  /** set once the limit is reached */
  blockedUntil: number | null;
}

export function createSignInThrottle(now: () => number = Date.now) {
  const failures = new Map<string, Entry>();

  function current(key: string, at: number): Entry | undefined {
    const entry = failures.get(key);
    if (!entry) return undefined;
    const over = entry.blockedUntil !== null ? at >= entry.blockedUntil : at - entry.since >= THROTTLE_WINDOW_MS;
    if (over) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  }

  function sweep(at: number) {
    for (const key of failures.keys()) current(key, at);
  }

  return {
    /** Milliseconds this key must still wait; 0 when it may try. */
    blockedFor(key: string): number {
      const at = now();
      const entry = current(key, at);
      return entry?.blockedUntil ? entry.blockedUntil - at : 0;
    },
    failed(key: string) {
      const at = now();
      const entry = current(key, at);
      if (!entry) {
        if (failures.size >= SWEEP_AT) sweep(at);
        failures.set(key, { count: 1, since: at, blockedUntil: null });
        return;
      }
      entry.count += 1;
      if (entry.count >= THROTTLE_LIMIT) entry.blockedUntil = at + THROTTLE_WINDOW_MS;
    },
    succeeded(key: string) {
      failures.delete(key);
    },
    /** how many keys are tracked: for tests of the sweep */
    get size() {
      return failures.size;
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
