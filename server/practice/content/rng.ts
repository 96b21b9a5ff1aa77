// Seeded pseudo-random numbers (mulberry32): the same seed gives the same item on every
// machine and Node version, which Math.random cannot promise.
import type { Rng } from './item';

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range ${min}..${max}`);
      return min + Math.floor(next() * (max - min + 1));
    },
    pick(values) {
      if (values.length === 0) throw new RangeError('pick from an empty list');
      return values[Math.floor(next() * values.length)]!;
    },
    shuffle(values) {
      const out = [...values];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    chance(p) {
      return next() < p;
    },
  };
  return rng;
}

/** A fresh 31-bit seed for serving a new item (positive, fits a PostgreSQL integer). */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
