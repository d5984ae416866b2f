const tokenPattern = /\s*[\p{L}\p{N}']+|\s*[^\p{L}\p{N}'\s]+|\s+/gu;
const letterOrDigit = /[\p{L}\p{N}]/u;

/**
 * Splits text into simulator tokens: a word or a run of punctuation, each
 * carrying its leading whitespace, so `tokens.join('') === text`.
 */
export function tokenizeSimText(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

const space = 0;
const word = 1;
const mark = 2;

function classify(code: number, character: string): number {
  if (code === 32 || (code >= 9 && code <= 13)) return space;
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 39) return word;
  if (code < 128) return mark;
  if (/\s/.test(character)) return space;
  return letterOrDigit.test(character) ? word : mark;
}

/**
 * Counts the tokens {@link tokenizeSimText} would return, without building
 * them: the instant simulator counts every answer, so this stays a single
 * pass over the characters.
 */
export function countSimTokens(text: string): number {
  let count = 0;
  let previous = space;
  for (const character of text) {
    const kind = classify(character.codePointAt(0)!, character);
    if (kind !== space && kind !== previous) count++;
    previous = kind;
  }
  // Trailing whitespace is a token of its own.
  return previous === space && text.length > 0 ? count + 1 : count;
}
