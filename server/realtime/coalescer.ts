// At most one flush per key per window, however often the key is marked. The first mark after a
// quiet spell flushes at once (a lone vote shows instantly); marks inside the window are
// gathered into one flush at its end. This caps fan-out at clients x (1000 / windowMs) per key.
// A flush reads the database, which can be slow under a burst of writes: the next flush of the
// same key waits for it, so two reads never race and an older tally never lands after a newer one.

export interface Coalescer<K> {
  mark(key: K): void;
  stop(): void;
}

interface KeyState {
  /** when the last flush started */
  lastStart: number;
  /** marked since the last flush started */
  dirty: boolean;
  markedAt: number;
  running: boolean;
  timer: NodeJS.Timeout | null;
  /** the window before the next flush: longer when the last flush took long */
  gap: number;
}

export function createCoalescer<K>(
  windowMs: number,
  flush: (key: K, markedAt: number) => Promise<void>,
  onError: (error: unknown) => void,
): Coalescer<K> {
  const states = new Map<K, KeyState>();
  let stopped = false;

  function wake(key: K, s: KeyState, wait: number) {
    s.timer = setTimeout(() => {
      s.timer = null;
      pump(key, s);
    }, wait);
  }

  function pump(key: K, s: KeyState) {
    if (stopped || s.running) return;
    const wait = s.lastStart + s.gap - Date.now();
    if (s.timer) {
      // A busy event loop runs timers late; a mark that finds the window over flushes itself.
      if (wait > 0 || !s.dirty) return;
      clearTimeout(s.timer);
      s.timer = null;
    }
    if (!s.dirty) {
      // Quiet: forget the key once its window is over, so the next mark flushes at once.
      if (wait > 0) wake(key, s, wait);
      else states.delete(key);
      return;
    }
    if (wait > 0) return wake(key, s, wait);
    s.dirty = false;
    s.running = true;
    s.lastStart = Date.now();
    flush(key, s.markedAt)
      .catch(onError)
      .finally(() => {
        s.running = false;
        // A flush to a big room on a busy machine takes a while (each socket write is a system
        // call); spacing flushes by twice that keeps fan-out to at most half the time, so it
        // cannot crowd out the votes. Small rooms keep the plain window.
        s.gap = Math.max(windowMs, 2 * (Date.now() - s.lastStart));
        pump(key, s);
      });
  }

  return {
    mark(key) {
      if (stopped) return;
      let s = states.get(key);
      if (!s) {
        s = { lastStart: -Infinity, dirty: false, markedAt: 0, running: false, timer: null, gap: windowMs };
        states.set(key, s);
      }
      s.dirty = true;
      s.markedAt = Date.now();
      pump(key, s);
    },
    stop() {
      stopped = true;
      for (const s of states.values()) if (s.timer) clearTimeout(s.timer);
      states.clear();
    },
  };
}
