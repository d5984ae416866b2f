import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token with `bytes` bytes of entropy (256 bits by default). */
export const newToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** SHA-256 in hex: right for high-entropy secrets (session tokens, API keys); never for passwords. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Compares two secrets in constant time (over their hashes, so lengths leak nothing either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Every API key starts with this, so a leaked one is easy to recognise (and to scan for). */
export const apiKeyPrefix = 'tdm_';

/** A new API key, the part shown to recognise it, and the hash that is stored. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${apiKeyPrefix}${newToken(32)}`;
  return { key, prefix: key.slice(0, apiKeyPrefix.length + 6), hash: sha256(key) };
}
