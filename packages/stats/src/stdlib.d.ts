// The binomial sampler's factory accepts any uniform PRNG; its published types only cover the seeded form.
declare module '@stdlib/random-base-binomial' {
  interface BinomialSampler {
    (n: number, p: number): number;
  }
  const binomial: { factory(options: { prng: () => number }): BinomialSampler };
  export default binomial;
}
