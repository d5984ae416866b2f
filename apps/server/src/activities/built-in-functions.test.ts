import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { builtInFunctions, createBuiltInFunctions } from './built-in-functions.ts';
import { createFunctionRegistry } from './function-registry.ts';

// Friday 2026-05-15 10:30 UTC: the next working days are Mon 18 … Fri 22.
const fixedNow = new Date('2026-05-15T10:30:00.000Z');
const registry = createFunctionRegistry(createBuiltInFunctions({ now: () => fixedNow }));
const signal = new AbortController().signal;
const call = (name: string, args: unknown) => registry.call(name, args, { signal });

interface Availability {
  timezone: string;
  days: string[];
  participants: { name: string; freeSlots: { start: string; end: string }[] }[];
  commonSlots: { start: string; end: string }[];
}

async function failure(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => new Error('expected a failure'), (caught: unknown) => caught);
  if (!StudioError.is(error)) throw error;
  return error;
}

describe('built-in functions', () => {
  it('are all registered with descriptions', () => {
    expect(createFunctionRegistry(builtInFunctions).list().map((fn) => fn.name)).toEqual(['fetchAvailability', 'currentTime', 'jsonExtract', 'wordCount']);
  });

  it('fetchAvailability: deterministic free slots on working days, intersected', async () => {
    const result = (await call('fetchAvailability', { participants: 'Ann, Bob;Ann', days: 3 })) as Availability;
    expect(result.timezone).toBe('UTC');
    expect(result.days).toEqual(['2026-05-18', '2026-05-19', '2026-05-20']);
    expect(result.participants.map((p) => p.name)).toEqual(['Ann', 'Bob']);
    for (const { freeSlots } of result.participants) {
      expect(freeSlots.length).toBeGreaterThan(0);
      expect(freeSlots.length).toBeLessThan(24);
      for (const slot of freeSlots) {
        expect(slot.start).toMatch(/^2026-05-(18|19|20)T(09|1[0-6]):00:00\.000Z$/);
        expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(3_600_000);
      }
    }
    const [ann, bob] = result.participants;
    const both = ann!.freeSlots.filter((slot) => bob!.freeSlots.some((other) => other.start === slot.start));
    expect(result.commonSlots).toEqual(both);
    expect(await call('fetchAvailability', { participants: ['Ann', 'Bob'], days: '3' })).toEqual(result);
  });

  it('fetchAvailability: defaults to 5 days and validates its arguments', async () => {
    expect(((await call('fetchAvailability', { participants: ['Cy'] })) as Availability).days).toHaveLength(5);
    expect((await failure(call('fetchAvailability', { participants: ' , ' }))).code).toBe('NODE_CONFIG_INVALID');
    expect((await failure(call('fetchAvailability', { participants: 'Ann', days: 99 }))).message).toMatch(/days/);
  });

  it('currentTime: ISO now and the local time in a zone', async () => {
    expect(await call('currentTime', { timezone: 'Asia/Tokyo' })).toEqual({
      iso: '2026-05-15T10:30:00.000Z',
      epochMs: fixedNow.getTime(),
      timezone: 'Asia/Tokyo',
      local: '2026-05-15 19:30:00',
      weekday: 'Friday',
    });
    expect((await call('currentTime', {})) as { iso: string }).toMatchObject({ iso: '2026-05-15T10:30:00.000Z' });
    expect((await failure(call('currentTime', { timezone: 'Mars/Olympus' }))).code).toBe('NODE_CONFIG_INVALID');
  });

  it('jsonExtract: reads a dotted path from JSON in text', async () => {
    const text = 'Here you go:\n```json\n{"items": [{"name": "a"}, {"name": "b"}], "n": 0}\n```';
    expect(await call('jsonExtract', { text, path: 'items[1].name' })).toBe('b');
    expect(await call('jsonExtract', { text, path: 'items.0.name' })).toBe('a');
    expect(await call('jsonExtract', { text, path: 'n' })).toBe(0);
    expect(await call('jsonExtract', { text: '[1,2]' })).toEqual([1, 2]);
    expect(await call('jsonExtract', { text, path: 'missing.x' })).toBeNull();
    expect(await call('jsonExtract', { text, path: '__proto__' })).toBeNull();
    expect((await failure(call('jsonExtract', { text, path: 'missing', required: true }))).code).toBe('NODE_RUN_FAILED');
    expect((await failure(call('jsonExtract', { text: 'no json here' }))).code).toBe('NODE_RUN_FAILED');
  });

  it('wordCount: words and code points', async () => {
    expect(await call('wordCount', { text: '  Hello,  wide\nworld 👋 ' })).toEqual({ words: 4, characters: 23 });
    expect(await call('wordCount', { text: '' })).toEqual({ words: 0, characters: 0 });
    expect((await failure(call('wordCount', {}))).code).toBe('NODE_CONFIG_INVALID');
  });
});
