import { RE2JS } from 're2js';

/** A user's pattern compiled for the linear-time engine: `test` searches anywhere in the text, like `RegExp#test`. */
export interface UserPattern {
  test(text: string): boolean;
}

/** Why a pattern cannot be compiled, and which config field (`pattern` or `flags`) is at fault. */
export interface UserPatternProblem {
  field: 'pattern' | 'flags';
  message: string;
}

export type CompiledUserPattern = { ok: true; pattern: UserPattern } | ({ ok: false } & UserPatternProblem);

/** JavaScript flags with a meaning for a one-off search, and the RE2 flag each maps to (0: nothing to do). */
const flagBits: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // A fresh search starts at 0 every time, so `g` and `y` change nothing; RE2 always reads code points (`u`).
  g: 0,
  y: 0,
  u: 0,
};

const unsupportedSyntax = 'lookahead, lookbehind and backreferences are not supported, because patterns run on a linear-time engine';

const cache = new Map<string, CompiledUserPattern>();
const cacheLimit = 256;

/**
 * Compiles a pattern written by a user (a `validate` regex check) with
 * re2js, a pure-JavaScript port of RE2: matching takes time linear in the
 * text, so a pattern like `^(a+)+$` cannot hang a run. Syntax RE2 lacks
 * (backreferences, lookaround) and unknown flags come back as a problem
 * naming the field instead of a throw.
 *
 * @example
 * const compiled = compileUserPattern('^\\d{4}-\\d{2}$', 'm');
 * if (compiled.ok) compiled.pattern.test('2024-05'); // true
 */
export function compileUserPattern(source: string, flags = ''): CompiledUserPattern {
  const key = `${flags}/${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = compile(source, flags);
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

function compile(source: string, flags: string): CompiledUserPattern {
  let bits = 0;
  for (const [index, flag] of [...flags].entries()) {
    const bit = flagBits[flag];
    if (bit === undefined) return { ok: false, field: 'flags', message: `unknown flag "${flag}"; use any of i, m, s (g, y and u change nothing here)` };
    if (flags.indexOf(flag) !== index) return { ok: false, field: 'flags', message: `flag "${flag}" is given twice` };
    bits |= bit;
  }
  try {
    const re2 = RE2JS.compile(source, bits);
    return { ok: true, pattern: { test: (text) => re2.test(text) } };
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    const hint = /Perl syntax|escape sequence|named capture/.test(reason) ? ` (${unsupportedSyntax})` : '';
    return { ok: false, field: 'pattern', message: `not a supported pattern: ${reason}${hint}` };
  }
}
