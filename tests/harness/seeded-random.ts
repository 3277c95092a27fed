// A seeded PRNG for simulations that must repeat from run to run (the crash loop's kill points, the team bench's
// reading times).

/** mulberry32: a small seeded PRNG, so simulated runs (crash loops, reading times) repeat from run to run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
