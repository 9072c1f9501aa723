// Slows password guessing: after 5 failures for one address from one client, wait 15 minutes.
// In memory on purpose: one process per deployment for now; a restart forgives everyone.

const LIMIT = 5;
const WINDOW_MS = 15 * 60_000;

export function createSignInThrottle(now: () => number = Date.now) {
  const failures = new Map<string, { count: number; since: number }>();
  return {
    blockedFor(key: string): number {
      const entry = failures.get(key);
      if (!entry) return 0;
      const elapsed = now() - entry.since;
      if (elapsed >= WINDOW_MS) {
        failures.delete(key);
        return 0;
      }
      return entry.count >= LIMIT ? WINDOW_MS - elapsed : 0;
    },
    failed(key: string) {
      const entry = failures.get(key);
      if (!entry || now() - entry.since >= WINDOW_MS) failures.set(key, { count: 1, since: now() });
      else entry.count += 1;
    },
    succeeded(key: string) {
      failures.delete(key);
    },
  };
}
