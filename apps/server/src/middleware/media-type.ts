import { parse } from 'content-type';

/**
 * True when a Content-Type header names JSON: `application/json` or any `…/…+json` type, compared
 * case-insensitively, parameters ignored. A malformed header is not JSON.
 */
export function isJsonMediaType(header: string | undefined): boolean {
  if (!header) return false;
  let type: string;
  try {
    type = parse(header).type;
  } catch {
    return false;
  }
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
