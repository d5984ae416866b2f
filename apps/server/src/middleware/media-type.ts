import { parse } from 'content-type';

/**
 * True when a Content-Type header names JSON: `application/json` or any `…/…+json` type, compared
 * case-insensitively, parameters ignored. A malformed header is not JSON.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  // The header nearly every client sends, without parsing.
  if (header === 'application/json') return true;
  let type: string;
  try {
    type = parse(header).type;
  } catch {
    return false;
  }
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
