import { describe, expect, it } from 'vitest';
import { createSecretRedactor, redactedMark } from './secret-redactor.ts';

const key = 'sk-test-SECRET-123';

describe('createSecretRedactor', () => {
  it('masks every occurrence of a known secret in text, and nothing when none is known', () => {
    const secrets = createSecretRedactor();
    expect(secrets.redactText(`Incorrect API key provided: ${key}.`)).toBe(`Incorrect API key provided: ${key}.`);
    secrets.add(key);
    expect(secrets.redactText(`Incorrect API key provided: ${key}. Again: ${key}`)).toBe(`Incorrect API key provided: ${redactedMark}. Again: ${redactedMark}`);
  });

  it('ignores empty and short strings, so ordinary words are never masked', () => {
    const secrets = createSecretRedactor(['', undefined, 'abc']);
    expect(secrets.size).toBe(0);
    expect(secrets.redactText('abc abc')).toBe('abc abc');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    const secrets = createSecretRedactor(['sk-test-SECRET', key]);
    expect(secrets.redactText(`key ${key}`)).toBe(`key ${redactedMark}`);
  });

  it('masks JSON-escaped and URL-encoded forms', () => {
    const odd = 'pa"ss/word+key';
    const secrets = createSecretRedactor([odd]);
    expect(secrets.redactText(JSON.stringify({ message: odd }))).not.toContain('ss/word');
    expect(secrets.redactText(`https://x.test/?k=${encodeURIComponent(odd)}`)).toBe(`https://x.test/?k=${redactedMark}`);
  });

  it('copies only the branches of a value that changed, keys included', () => {
    const secrets = createSecretRedactor([key]);
    const untouched = { a: [1, 2, { b: 'fine' }] };
    const value = { untouched, error: { message: `bad ${key}`, list: ['ok', key] }, [key]: true };
    const redacted = secrets.redactValue(value);
    expect(redacted).toEqual({ untouched, error: { message: `bad ${redactedMark}`, list: ['ok', redactedMark] }, [redactedMark]: true });
    expect(redacted.untouched).toBe(untouched);
    expect(value.error.message).toBe(`bad ${key}`);
    const clean = { a: { b: ['c'] } };
    expect(secrets.redactValue(clean)).toBe(clean);
  });

  it('walks values nested far deeper than the call stack allows', () => {
    const secrets = createSecretRedactor([key]);
    let deep: unknown = key;
    for (let depth = 0; depth < 200_000; depth++) deep = [deep];
    let redacted = secrets.redactValue(deep);
    for (let depth = 0; depth < 200_000; depth++) redacted = (redacted as unknown[])[0];
    expect(redacted).toBe(redactedMark);
  });

  it('forgets a removed secret', () => {
    const secrets = createSecretRedactor([key]);
    secrets.remove(key);
    expect(secrets.redactText(key)).toBe(key);
    expect(secrets.longest).toBe(0);
  });
});
