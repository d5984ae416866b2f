import { breaksPhrase, determiners, isParticiple, isVerbLike } from './english.ts';

/**
 * Words and noun phrases, for reading a prompt: the subject of an ask is the
 * noun phrase it opens with ("a database index", "the benefits of remote work").
 */

/** A text's words as written and lower-cased, index for index. */
export interface Words {
  original: string[];
  lower: string[];
}

const asciiOnly = /^[\x00-\x7f]*$/;

/** Splits a text into words (letters, digits, apostrophes and hyphens). */
export function splitWords(text: string): Words {
  // Most prompts are ASCII; the Unicode-aware pattern is several times slower.
  const original = (asciiOnly.test(text) ? text.match(/[A-Za-z0-9][A-Za-z0-9'-]*/g) : text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) ?? [];
  return { original, lower: original.map((word) => word.toLowerCase()) };
}

/** The words from `start` to `end`. */
export function slice(words: Words, start: number, end = words.original.length): Words {
  return { original: words.original.slice(start, end), lower: words.lower.slice(start, end) };
}

/**
 * The noun phrase at `start` (the beginning by default): an optional
 * determiner, then up to five words until a verb or a preposition.
 */
export function leadingNounPhrase(words: Words, verbFollows = false, start = 0): { phrase: string[]; end: number } {
  const phrase: string[] = [];
  let index = start;
  if (words.lower[index] !== undefined && determiners.has(words.lower[index]!)) phrase.push(words.original[index++]!);
  let content = 0;
  while (index < words.lower.length && content < 5) {
    const word = words.lower[index]!;
    const joinsOf = word === 'of' && content > 0 && words.lower[index + 1] !== undefined && !breaksPhrase(words.lower[index + 1]!);
    if (!joinsOf && (breaksPhrase(word) || (content > 0 && (isVerbLike(word, verbFollows) || (determiners.has(word) && words.lower[index - 1] !== 'of'))))) break;
    // "a lighthouse seen from the sea": a participle followed by a preposition starts a new phrase.
    const next = words.lower[index + 1];
    if (content > 0 && next !== undefined && (breaksPhrase(next) || determiners.has(next)) && isParticiple(word)) break;
    phrase.push(words.original[index++]!);
    if (!joinsOf) content++;
  }
  return { phrase, end: index };
}

/** The leading noun phrase as text, or `fallback` when there is none. */
export function phraseText(words: Words, fallback: string): string {
  const { phrase } = leadingNounPhrase(words);
  return phrase.length > 0 ? phrase.join(' ') : fallback;
}
