/** FNV-1a offset basis (32-bit); the starting value of {@link hashString}. */
export const fnvOffsetBasis = 0x811c9dc5;

/**
 * Continues a 32-bit FNV-1a hash over `text`. Chain calls to hash several
 * strings without concatenating them.
 *
 * @example
 * const hash = hashString('world', hashString('hello'));
 */
export function hashString(text: string, hash: number = fnvOffsetBasis): number {
  let value = hash >>> 0;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** Mixes a number into a 32-bit hash (for seeds, counters and temperatures). */
export function hashNumber(input: number, hash: number = fnvOffsetBasis): number {
  // Thousandths keep temperatures like 0.7 apart; both 32-bit halves keep large seeds apart.
  const scaled = Math.round(input * 1000);
  const high = Math.floor(scaled / 4294967296) >>> 0;
  let value = (hash ^ Math.imul(high, 0x85ebca6b) ^ Math.imul(scaled >>> 0, 0x9e3779b1)) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

/** A seeded pseudo-random source: `next()` returns a float in [0, 1). */
export interface SeededRandom {
  /** Next float in [0, 1). */
  next(): number;
  /** Next integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<Item>(items: readonly Item[]): Item;
}

/**
 * Creates a mulberry32 generator: tiny, fast and good enough for simulated
 * text (not for cryptography).
 */
export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <Item>(items: readonly Item[]): Item => items[Math.floor(next() * items.length)] as Item,
  };
}
