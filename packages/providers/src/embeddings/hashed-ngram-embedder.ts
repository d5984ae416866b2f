import { normalizeVector, type Embedder } from './embedder.ts';

/** FNV-1a over a string slice. */
function hashSlice(text: string, start: number, end: number, seed: number): number {
  let hash = seed;
  for (let index = start; index < end; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic built-in embedder: the character 3- to 5-grams of the lower-cased text (words
 * padded with spaces) hashed into `dimensions` signed buckets (the hashing trick), then
 * normalised. No model, no download: texts that share most of their wording are close, so it
 * catches rephrasings such as word order, punctuation and small edits, not synonyms. Good for
 * tests, offline use and as a default.
 *
 * @example
 * const embedder = createHashedNgramEmbedder();
 * const [a, b] = await embedder.embed(['What is the capital of France?', 'what is the capital of france']);
 */
export function createHashedNgramEmbedder(options: { dimensions?: number } = {}): Embedder {
  const dimensions = options.dimensions ?? 256;
  const embedOne = (text: string): Float32Array => {
    const padded = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
    const counts = new Float64Array(dimensions);
    for (let size = 3; size <= 5; size++) {
      for (let start = 0; start + size <= padded.length; start++) {
        const hash = hashSlice(padded, start, start + size, 0x811c9dc5 ^ size);
        counts[hash % dimensions]! += (hash & 0x80000000) === 0 ? 1 : -1;
      }
    }
    return normalizeVector(counts);
  };
  return {
    id: `hashed-ngrams-${dimensions}`,
    dimensions,
    embed: async (texts) => texts.map(embedOne),
  };
}
