/**
 * Turns text into vectors for the semantic cache. Vectors are unit length (cosine similarity is
 * their dot product) and always `dimensions` long; the same text gives the same vector.
 */
export interface Embedder {
  /** Names the embedder and its model, e.g. `hashed-ngrams`, `gguf:stories`, `openai:text-embedding-3-small`; part of the cache scope. */
  readonly id: string;
  /** Length of every vector. */
  readonly dimensions: number;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees native resources (GGUF). Optional. */
  dispose?(): Promise<void>;
}

/** Scales a vector to unit length (a zero vector stays zero). */
export function normalizeVector(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index]! /= norm;
  return vector;
}
