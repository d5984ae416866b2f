import { capitalize, joinList } from './english.ts';

/** Facts a prompt states outright, for filling JSON fields with the prompt's own values. */
export interface PromptFacts {
  /** People named in the prompt, in order ("Ana Lopez", "Ben"). */
  people: string[];
  /** Email addresses in the prompt. */
  emails: string[];
  /** ISO 8601 date-times in the prompt, as written ("2026-12-03T14:00:00.000Z"). */
  dateTimes: string[];
  /** A date-time the prompt describes in words ("on Friday at 10"), resolved after {@link referenceDate}. */
  spokenDateTime: string | undefined;
  /** A duration the prompt states, in minutes ("45 minutes", "an hour"). */
  durationMinutes: number | undefined;
  /** URLs in the prompt. */
  urls: string[];
  /** Phone numbers in the prompt. */
  phones: string[];
  /** What the prompt is for, as a short title ("Review the Q3 launch plan"), if it says. */
  purpose: string | undefined;
  /** Whether the prompt says it is urgent. */
  urgent: boolean;
}

/** Dates the prompt does not give are placed after this day, so answers stay the same whenever they are generated. */
export const referenceDate = Date.UTC(2026, 11, 1);

const notNames: ReadonlySet<string> = new Set([
  'hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'please', 'can', 'could', 'would', 'will', 'should', 'shall', 'may', 'might',
  'let', "let's", 'lets', 'we', 'i', 'you', 'they', 'he', 'she', 'it', 'the', 'a', 'an', 'this', 'that', 'these', 'those',
  'our', 'my', 'your', 'their', 'there', 'here', 'what', 'when', 'where', 'who', 'why', 'how', 'which', 'if', 'and', 'or',
  'but', 'so', 'meet', 'meeting', 'schedule', 'book', 'set', 'plan', 'invite', 'find', 'pick', 'list', 'write', 'extract',
  'answer', 'request', 'common', 'participants', 'attendees', 'task', 'subject', 'free', 'slots', 'team', 'everyone', 'all',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'tomorrow', 'next', 'january',
  'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'utc', 'gmt', 'ok',
  'yes', 'no', 'also', 'both', 'only', 'just', 'need', 'needs', 'want', 'wants', 'review', 'launch', 'call', 'sync', 'json',
  'api', 'q1', 'q2', 'q3', 'q4', 'is', 'are', 'do', 'does', 'to', 'for', 'on', 'at', 'in', 'about', 'with', 'from',
  'give', 'get', 'send', 'show', 'tell', 'make', 'create', 'add', 'check', 'use', 'return', 'reply', 'note', 'remember',
  'proposed', 'slot', 'invitation', 'start', 'end', 'duration', 'title', 'notes', 'agenda', 'summary', 'urgent', 'important',
  'fyi', 'update', 'reminder', 're', 'fwd', 'asap', 'customer', 'profile',
]);

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

/** "Ana Lopez", "Ben": runs of one to three capitalised words that are not sentence words, days or months. */
function findPeople(text: string): string[] {
  const people: string[] = [];
  const lowered = new Set(text.match(/\b[a-z][a-z']+\b/g) ?? []);
  for (const match of text.matchAll(/\b[A-Z][a-z']+(?:\s+[A-Z][a-z']+){0,2}\b/g)) {
    const words = match[0].split(/\s+/).filter((word) => !notNames.has(word.toLowerCase()) && !lowered.has(word.toLowerCase()));
    // A name is kept whole only if every word of it survives; otherwise its surviving words stand alone.
    const name = words.join(' ');
    if (name !== '' && !people.includes(name) && !people.some((person) => person.split(' ').includes(name))) people.push(name);
  }
  return people.slice(0, 8);
}

function findDuration(text: string): number | undefined {
  const numeric = /\b(\d+(?:\.\d+)?)\s*-?\s*(minutes?|mins?|hours?|hrs?|h)\b/i.exec(text);
  if (numeric) {
    const value = Number(numeric[1]);
    return Math.round(/^h/i.test(numeric[2]!) ? value * 60 : value);
  }
  if (/\bhalf an hour\b/i.test(text)) return 30;
  if (/\b(?:an|one) hour and a half\b|\b90 min/i.test(text)) return 90;
  if (/\b(?:an|one) hour\b/i.test(text)) return 60;
  if (/\b(?:a )?quarter of an hour\b/i.test(text)) return 15;
  return undefined;
}

/** "on Friday at 10", "Tuesday 2pm", "tomorrow at 14:30": the next such moment after the reference date. */
function findSpokenDateTime(text: string): string | undefined {
  const day = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow)\b/i.exec(text)?.[1]?.toLowerCase();
  const time = /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b(?=\s*(?:am|pm|h|o'clock|utc|\.|,|$|\s+(?:to|for|on|about|and)\b))/i.exec(text.slice(text.search(/\bat\s+\d|\d\s*(?:am|pm)\b|\d:\d\d/i)));
  if (day === undefined && time === null) return undefined;
  let hour = time ? Number(time[1]) : 10;
  const minute = time?.[2] ? Number(time[2]) : 0;
  if (time?.[3]?.toLowerCase() === 'pm' && hour < 12) hour += 12;
  if (hour < 7 && !time?.[3]) hour += 12;
  if (hour > 23 || minute > 59) return undefined;
  const date = new Date(referenceDate);
  if (day === 'tomorrow') date.setUTCDate(date.getUTCDate() + 1);
  else if (day !== undefined) {
    const target = weekdays.indexOf(day as (typeof weekdays)[number]);
    date.setUTCDate(date.getUTCDate() + (((target - date.getUTCDay() + 7) % 7) || 7));
  }
  date.setUTCHours(hour, minute, 0, 0);
  return formatDateTime(date);
}

const purposeVerbs = 'review|plan|discuss|go over|talk about|prepare|finalise|finalize|decide on|kick off|present|agree on|sync on|catch up on';
// The phrase sits in a lookahead so that overlapping candidates ("for 45 minutes … to review …") are all tried in order.
const purposePattern = new RegExp(
  `\\b(?:to|about|regarding|for|on|(?:should|must|need to|want to|will)(?=\\s+(?:${purposeVerbs})\\b))\\s+(?=((?:(?:${purposeVerbs})\\s+)?(?:the\\s+|our\\s+|a\\s+|an\\s+)?[^.?!,;:\\n]{3,60}))`,
  'gi',
);
const trailingTime = /\s+(?:next|this|on|at|by|before|after|for|in|tomorrow|today|during)\b.*$/i;

function findPurpose(text: string): string | undefined {
  for (const match of text.matchAll(purposePattern)) {
    const phrase = match[1]!.replace(trailingTime, '').replace(/^(?:the|our|a|an)\s+/i, '').trim();
    if (/^(?:\d|minutes?\b|hours?\b|an? hour\b|half\b|monday|tuesday|wednesday|thursday|friday|me\b|us\b|you\b|json\b)/i.test(phrase)) continue;
    if (phrase.length < 3) continue;
    return capitalize(phrase);
  }
  return undefined;
}

/** An ISO 8601 date-time without milliseconds: "2026-12-03T14:00:00Z". */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A date-time for people to read: "Thursday 3 December at 14:00 UTC". */
export function describeDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  return `${capitalize(weekdays[date.getUTCDay()]!)} ${date.getUTCDate()} ${months[date.getUTCMonth()]} at ${time} UTC`;
}

/** "Ana and Ben" from a list of people. */
export function namePeople(people: readonly string[]): string {
  return joinList(people.map((person) => person.split(' ')[0]!));
}

/**
 * Reads the facts a prompt states: people, emails, date-times (ISO or in
 * words), a duration, URLs, phone numbers, what it is for, urgency.
 *
 * @example
 * readPromptFacts('Can Ana Lopez and Ben meet for 45 minutes to review the Q3 launch plan?');
 * // { people: ['Ana Lopez', 'Ben'], durationMinutes: 45, purpose: 'Review the Q3 launch plan', … }
 */
export function readPromptFacts(text: string): PromptFacts {
  let facts = factsCache.get(text);
  if (facts === undefined) {
    facts = Object.freeze(parsePromptFacts(text));
    if (factsCache.size >= 256) factsCache.clear();
    factsCache.set(text, facts);
  }
  return facts;
}

/** Facts by prompt text: retries and fallbacks send the same prompt again. */
const factsCache = new Map<string, PromptFacts>();

function parsePromptFacts(text: string): PromptFacts {
  const withoutUrls = text.replace(/https?:\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' ');
  return {
    people: findPeople(withoutUrls.replace(/"[^"\n]*"\s*:/g, ' ')),
    emails: [...new Set(text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [])],
    dateTimes: [...new Set(text.match(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g) ?? [])],
    spokenDateTime: findSpokenDateTime(withoutUrls.replace(/\b\d{4}-\d{2}-\d{2}T[\d:.]+Z?/g, ' ')),
    durationMinutes: findDuration(text),
    urls: [...new Set(text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [])],
    phones: [...new Set(text.match(/\+?\d[\d ()-]{7,}\d/g) ?? [])].filter((phone) => !/^\d{4}-\d{2}-\d{2}/.test(phone)),
    purpose: findPurpose(withoutUrls),
    urgent: /\b(?:urgent|asap|as soon as possible|immediately|critical)\b/i.test(text),
  };
}
