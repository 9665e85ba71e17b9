/**
 * The seeded generator behind the fuzz tests (test/aws-* /fuzz.test.ts, test/gateway-auth):
 * the same seed gives the same inputs on every run, so a failure found once is found again.
 */

/** mulberry32: small, seeded, good enough to vary inputs reproducibly. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fuzzer {
  /** A float in [0, 1). */
  random(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  /** n random bytes. */
  bytes(n: number): Buffer;
}

/** The draws every fuzz test uses, all from one seeded stream (each draw advances it). */
export function seededFuzzer(seed: number): Fuzzer {
  const random = prng(seed);
  const int = (n: number) => Math.floor(random() * n);
  return {
    random,
    int,
    pick: <T>(xs: readonly T[]) => xs[int(xs.length)],
    bytes: (n: number) => Buffer.from(Array.from({ length: n }, () => int(256))),
  };
}
