import { z } from 'zod';
import { StudioError } from '@tandem/shared';
import { hashToUnit, readPath } from '@tandem/engine';
import { defineServerFunction } from './function-registry.ts';
import type { AnyServerFunction } from './function-registry.ts';

/** Options of {@link createBuiltInFunctions}. */
export interface BuiltInFunctionOptions {
  /** The clock (tests pass a fixed one); default `new Date()`. */
  now?: () => Date;
}

/** A free interval, as ISO 8601 UTC strings. */
export interface TimeSlot {
  start: string;
  end: string;
}

const workdayStartHourUtc = 9;
const workdayEndHourUtc = 17;
const slotMinutes = 60;
/** Share of a participant's slots that are free. */
const freeRatio = 0.6;
const maxTextLength = 1_000_000;

/** Splits "Ann, Bob; Cy" or ["Ann", " Bob "] into unique trimmed names, keeping order. */
function participantList(participants: string | string[]): string[] {
  const names = (Array.isArray(participants) ? participants : participants.split(/[,;\n]/)).map((name) => name.trim()).filter(Boolean);
  return [...new Set(names)];
}

/** The next `count` Monday–Friday dates (UTC) after `now`. */
function nextWorkingDays(now: Date, count: number): Date[] {
  const days: Date[] = [];
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  while (days.length < count) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(day));
  }
  return days;
}

function slotsOf(day: Date): TimeSlot[] {
  const slots: TimeSlot[] = [];
  for (let minutes = workdayStartHourUtc * 60; minutes < workdayEndHourUtc * 60; minutes += slotMinutes) {
    const start = new Date(day.getTime() + minutes * 60_000);
    slots.push({ start: start.toISOString(), end: new Date(start.getTime() + slotMinutes * 60_000).toISOString() });
  }
  return slots;
}

/** Parses JSON from text, also when wrapped in a ```json fence or surrounded by prose. */
function parseJsonText(text: string): unknown {
  const candidates = [text];
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(text);
  if (fenced?.[1]) candidates.push(fenced[1]);
  for (const [open, close] of [['{', '}'], ['[', ']']] as const) {
    const start = text.indexOf(open);
    const end = text.lastIndexOf(close);
    if (start >= 0 && end > start) candidates.push(text.slice(start, end + 1));
  }
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate);
    } catch {
      // try the next candidate
    }
  }
  throw new StudioError('NODE_RUN_FAILED', 'The text does not contain valid JSON');
}

/** "a.b[0].c" or "a.b.0.c" → ["a", "b", "0", "c"]; "" → []. */
function parsePath(path: string): string[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
}

function formatInZone(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return { local: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`, weekday: String(parts.weekday) };
}

/** Creates the built-in server functions (see {@link builtInFunctions}) with an injectable clock. */
export function createBuiltInFunctions(options: BuiltInFunctionOptions = {}): AnyServerFunction[] {
  const now = options.now ?? (() => new Date());

  const fetchAvailability = defineServerFunction({
    name: 'fetchAvailability',
    description:
      'Free one-hour slots (09:00–17:00 UTC) per participant for the next working days, and the slots common to all. Simulated: deterministic per name and slot.',
    argsSchema: z.object({
      participants: z.union([z.array(z.string()).max(50), z.string().max(5000)]),
      days: z.coerce.number().int().min(1).max(14).default(5),
    }),
    run({ participants, days }) {
      const names = participantList(participants);
      if (names.length === 0) throw new StudioError('NODE_CONFIG_INVALID', 'Invalid arguments for "fetchAvailability": participants: list at least one name');
      const workingDays = nextWorkingDays(now(), days);
      const slots = workingDays.flatMap(slotsOf);
      const perParticipant = names.map((name) => ({
        name,
        freeSlots: slots.filter((slot) => hashToUnit(`availability|${name.toLowerCase()}|${slot.start}`) < freeRatio),
      }));
      const commonSlots = slots.filter((slot) => perParticipant.every(({ freeSlots }) => freeSlots.includes(slot)));
      return { timezone: 'UTC', slotMinutes, days: workingDays.map((day) => day.toISOString().slice(0, 10)), participants: perParticipant, commonSlots };
    },
  });

  const currentTime = defineServerFunction({
    name: 'currentTime',
    description: 'The current time as ISO 8601 (UTC), epoch milliseconds, and the local date-time and weekday in a time zone.',
    argsSchema: z.object({ timezone: z.string().min(1).max(100).optional() }),
    run({ timezone }) {
      const timeZone = timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const date = now();
      try {
        return { iso: date.toISOString(), epochMs: date.getTime(), timezone: timeZone, ...formatInZone(date, timeZone) };
      } catch {
        throw new StudioError('NODE_CONFIG_INVALID', `Invalid arguments for "currentTime": timezone: unknown time zone "${timeZone}"`);
      }
    },
  });

  const jsonExtract = defineServerFunction({
    name: 'jsonExtract',
    description: 'Parses JSON in text (also inside a ```json fence or prose) and returns the value at a dotted path like "items[0].name" (null if missing).',
    argsSchema: z.object({
      text: z.string().max(maxTextLength),
      path: z.string().max(1000).default(''),
      required: z.boolean().default(false),
    }),
    run({ text, path, required }) {
      const value = readPath(parseJsonText(text), parsePath(path));
      if (value === undefined && required) throw new StudioError('NODE_RUN_FAILED', `Nothing found at path "${path}"`);
      return value ?? null;
    },
  });

  const wordCount = defineServerFunction({
    name: 'wordCount',
    description: 'Counts the words (whitespace-separated) and characters (Unicode code points) of a text.',
    argsSchema: z.object({ text: z.string().max(maxTextLength) }),
    run({ text }) {
      const trimmed = text.trim();
      return { words: trimmed === '' ? 0 : trimmed.split(/\s+/u).length, characters: [...text].length };
    },
  });

  return [fetchAvailability, currentTime, jsonExtract, wordCount];
}

/** The built-in server functions: fetchAvailability, currentTime, jsonExtract, wordCount. */
export const builtInFunctions: readonly AnyServerFunction[] = createBuiltInFunctions();
