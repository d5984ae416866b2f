/** A fast, stable 64-bit string hash (two FNV-1a variants), as 16 hex digits. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Maps a key to a number in [0, 1), the same for the same key everywhere. */
export function hashToUnit(key: string): number {
  return parseInt(stableHash(key).slice(0, 8), 16) / 0x100000000;
}
