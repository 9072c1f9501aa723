// A seeded random source, so the same seed always generates the same record and two runs
// measure the same data. mulberry32: tiny, fast, and good enough for picking words.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** [0, 1) */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One key, with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries[entries.length - 1][0];
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponentially distributed with this mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `count` distinct integers from [0, size), in random order. */
  distinct(count: number, size: number): number[] {
    const n = Math.min(count, size);
    if (n > size / 2) {
      const all = Array.from({ length: size }, (_, i) => i);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(this.next() * (size - i));
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all.slice(0, n);
    }
    const seen = new Set<number>();
    while (seen.size < n) seen.add(Math.floor(this.next() * size));
    return [...seen];
  }

  /** Biased towards 0: r^power of the range, so a few early items come up often (a long tail). */
  skewed(size: number, power: number): number {
    return Math.min(size - 1, Math.floor(size * Math.pow(this.next(), power)));
  }

  /** Letters and digits, like a Lucia id. */
  id(length = 16): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    let s = "";
    for (let i = 0; i < length; i++) s += alphabet[Math.floor(this.next() * 32)];
    return s;
  }
}
