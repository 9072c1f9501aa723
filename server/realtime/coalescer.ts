// At most one flush per key per window, however often the key is marked. The first mark after a
// quiet spell flushes at once (a lone vote shows instantly); marks inside the window are
// gathered into one flush at its end. This caps fan-out at clients x (1000 / windowMs) per key.

export interface Coalescer<K> {
  mark(key: K): void;
  stop(): void;
}

export function createCoalescer<K>(
  windowMs: number,
  flush: (key: K, markedAt: number) => Promise<void>,
  onError: (error: unknown) => void,
): Coalescer<K> {
  const lastFlush = new Map<K, number>();
  const pending = new Map<K, { timer: NodeJS.Timeout | null; markedAt: number }>();
  let stopped = false;

  function run(key: K) {
    const entry = pending.get(key);
    pending.delete(key);
    lastFlush.set(key, Date.now());
    flush(key, entry?.markedAt ?? Date.now()).catch(onError);
  }

  return {
    mark(key) {
      if (stopped) return;
      const now = Date.now();
      const entry = pending.get(key);
      if (entry) {
        entry.markedAt = now;
        return;
      }
      const since = now - (lastFlush.get(key) ?? 0);
      if (since >= windowMs) {
        pending.set(key, { timer: null, markedAt: now });
        run(key);
        return;
      }
      const timer = setTimeout(() => run(key), windowMs - since);
      pending.set(key, { timer, markedAt: now });
    },
    stop() {
      stopped = true;
      for (const entry of pending.values()) if (entry.timer) clearTimeout(entry.timer);
      pending.clear();
    },
  };
}
