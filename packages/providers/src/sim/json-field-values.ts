import { capitalize, joinList } from './english.ts';
import { describeDateTime, formatDateTime, namePeople, referenceDate, type PromptFacts } from './prompt-facts.ts';
import type { PromptTopic } from './prompt-topic.ts';
import type { SeededRandom } from './seeded-random.ts';

/** What a JSON field is filled from: the prompt's facts and topic, the seed, and the fields already written. */
export interface JsonFieldContext {
  facts: PromptFacts;
  topic: PromptTopic;
  random: SeededRandom;
  /** Values already generated in the current object, by property name. */
  siblings: Record<string, unknown>;
}

const firstNames = ['Ana', 'Ben', 'Chloe', 'David', 'Elif', 'Farah', 'Gabriel', 'Hana', 'Ivan', 'Julia', 'Kofi', 'Lena', 'Mateo', 'Nora'];
const lastNames = ['Lopez', 'Okafor', 'Martin', 'Schmidt', 'Tanaka', 'Novak', 'Haddad', 'Silva', 'Kowalski', 'Berg'];
const cities = ['Lisbon', 'Toronto', 'Nairobi', 'Melbourne', 'Osaka', 'Berlin', 'Montreal', 'Valencia'];
const companies = ['Northwind Traders', 'Acme Corporation', 'Blue Harbor Labs', 'Greenfield Analytics'];
const meetingMinutes = [30, 45, 60, 30, 15, 90];

/** Splits "durationMinutes" or "start_time" into lower-case words: "duration minutes", "start time". */
export function fieldWords(name: string | undefined): string {
  return (name ?? '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_\-.]+/g, ' ').toLowerCase().trim();
}

/** A person's name: from the prompt when it names people, else a plausible one. */
export function personName(context: JsonFieldContext, index = 0): string {
  const named = context.facts.people[index];
  if (named !== undefined) return named;
  return `${context.random.pick(firstNames)} ${context.random.pick(lastNames)}`;
}

/** People for a list field: the prompt's people, else 1–3 plausible names. */
export function peopleList(context: JsonFieldContext, minimum: number, maximum: number): string[] {
  const wanted = Math.min(maximum, Math.max(minimum, context.facts.people.length > 0 ? context.facts.people.length : context.random.integer(2, 3)));
  const people: string[] = [];
  for (let index = 0; people.length < wanted && index < wanted + 20; index++) {
    const name = personName(context, index);
    if (!people.includes(name)) people.push(name);
  }
  return people;
}

function emailFor(name: string): string {
  const parts = name.toLowerCase().normalize('NFKD').replace(/[^a-z ]/g, '').split(' ').filter(Boolean);
  return `${parts.join('.') || 'team'}@example.com`;
}

/** An email: from the prompt, else made from a person's name. */
export function emailValue(context: JsonFieldContext, index = 0): string {
  return context.facts.emails[index] ?? emailFor(personName(context, index));
}

/** An email for a field: made from the person named in the fields before it, else from the prompt. */
export function emailForField(context: JsonFieldContext): string {
  const named = siblingText(context, /^(?:full )?name$|^(?:person|contact|customer|user|owner|author)(?: name)?$/);
  return named !== undefined && context.facts.emails.length === 0 ? emailFor(named) : emailValue(context);
}

/** A short title from what the prompt is for ("Review the Q3 launch plan"), else from its subject. */
export function titleValue(context: JsonFieldContext): string {
  const { purpose } = context.facts;
  if (purpose !== undefined) return purpose.split(' ').length === 1 ? `${purpose} discussion` : purpose;
  const topic = context.topic.core;
  return capitalize(topic.length > 2 && topic.split(' ').length <= 6 ? topic : context.topic.keywords.slice(0, 3).join(' ') || 'Untitled');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'page';
}

/** Minutes for a duration field: the span of a start and end already written, the prompt's duration, else a usual meeting length within bounds. */
export function durationMinutes(context: JsonFieldContext, low: number, high: number): number | undefined {
  const start = Date.parse(siblingText(context, /\bstart|begin|from\b/) ?? '');
  const end = Date.parse(siblingText(context, /\bend|finish|until\b/) ?? '');
  const span = Math.round((end - start) / 60_000);
  if (Number.isFinite(span) && span >= low && span <= high) return span;
  const stated = context.facts.durationMinutes;
  if (stated !== undefined && stated >= low && stated <= high) return stated;
  const fitting = meetingMinutes.filter((minutes) => minutes >= low && minutes <= high);
  return fitting.length > 0 ? context.random.pick(fitting) : undefined;
}

function siblingText(context: JsonFieldContext, pattern: RegExp): string | undefined {
  for (const [name, value] of Object.entries(context.siblings)) {
    if (pattern.test(fieldWords(name)) && typeof value === 'string') return value;
  }
  return undefined;
}

function siblingNumber(context: JsonFieldContext, pattern: RegExp): number | undefined {
  for (const [name, value] of Object.entries(context.siblings)) {
    if (pattern.test(fieldWords(name)) && typeof value === 'number') return value;
  }
  return undefined;
}

function siblingPeople(context: JsonFieldContext): string[] {
  for (const [name, value] of Object.entries(context.siblings)) {
    if (/attendee|participant|people|invitee|guest|member/.test(fieldWords(name)) && Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  }
  return context.facts.people;
}

/** A start date-time: the first one the prompt offers (its earliest free slot), the one it describes, or one in the week after the reference date. */
export function startDateTime(context: JsonFieldContext): string {
  const offered = context.facts.dateTimes[0] ?? context.facts.spokenDateTime;
  if (offered !== undefined) {
    const parsed = new Date(offered);
    if (!Number.isNaN(parsed.getTime())) return formatDateTime(parsed);
  }
  const date = new Date(referenceDate);
  date.setUTCDate(date.getUTCDate() + context.random.integer(1, 4));
  date.setUTCHours(context.random.integer(9, 16), context.random.pick([0, 30]), 0, 0);
  return formatDateTime(date);
}

/** A date-time field: starts from the prompt; an end follows the start by the duration already chosen. */
export function dateTimeValue(context: JsonFieldContext, words: string): string {
  if (/\bend|finish|until|to\b/.test(words)) {
    const start = siblingText(context, /\bstart|begin|from|when|time\b/);
    const minutes = siblingNumber(context, /duration|minutes|length/) ?? context.facts.durationMinutes ?? 30;
    const base = start === undefined ? new Date(startDateTime(context)) : new Date(start);
    if (!Number.isNaN(base.getTime())) return formatDateTime(new Date(base.getTime() + minutes * 60_000));
  }
  return startDateTime(context);
}

function invitation(context: JsonFieldContext): string {
  const people = siblingPeople(context);
  const start = siblingText(context, /\bstart|begin|when|time|slot\b/) ?? context.facts.dateTimes[0] ?? context.facts.spokenDateTime;
  const minutes = siblingNumber(context, /duration|minutes|length/) ?? context.facts.durationMinutes;
  const purpose = (siblingText(context, /title|subject|topic/) ?? context.facts.purpose ?? titleValue(context)).replace(/^[A-Z]/, (letter) => letter.toLowerCase());
  const greeting = people.length > 0 ? `Hi ${namePeople(people)},` : 'Hi all,';
  const when = start !== undefined ? ` on ${describeDateTime(start)}` : '';
  const length = minutes !== undefined ? ` for ${minutes} minutes` : '';
  const verbPhrase = /^(?:review|plan|discuss|go over|talk about|prepare|finali[sz]e|decide on|kick off|present|agree on|sync on|catch up on)\b/i.test(purpose) ? `to ${purpose}` : `about ${purpose}`;
  return `${greeting} let's meet${when}${length} ${verbPhrase}. Reply if the time does not work for you.`;
}

function considerations(context: JsonFieldContext): string {
  const { facts } = context;
  const parts = [`the request (${(facts.purpose ?? titleValue(context)).toLowerCase()})`];
  if (facts.people.length > 0) parts.push(`who must attend (${namePeople(facts.people)})`);
  if (facts.dateTimes.length > 0) parts.push(`the ${facts.dateTimes.length > 2 ? `${Math.floor(facts.dateTimes.length / 2)} ` : ''}free times offered`);
  const choice = facts.dateTimes.length > 0 ? '; the earliest time that suits everyone leaves the most room to reschedule' : '';
  return `Weighed ${joinList(parts)}${choice}.`;
}

function feedback(context: JsonFieldContext): string {
  const { facts } = context;
  if (facts.durationMinutes === undefined && Object.keys(context.siblings).some((name) => /duration|minutes/.test(fieldWords(name)))) {
    return `The request gives no duration, so ${siblingNumber(context, /duration|minutes/) ?? 30} minutes was assumed.`;
  }
  if (facts.people.length === 0) return 'The request names nobody, so the names are placeholders to check.';
  return 'The request was clear; nothing had to be assumed.';
}

/** A sentence about the prompt's subject, for description-like fields. */
function describeSubject(context: JsonFieldContext): string {
  const people = context.facts.people;
  if (context.facts.purpose !== undefined && people.length > 0) return `A meeting to ${context.facts.purpose.charAt(0).toLowerCase()}${context.facts.purpose.slice(1)} with ${joinList(people)}.`;
  const subject = context.topic.subject;
  const keywords = context.topic.keywords;
  return `${capitalize(subject)}${keywords.length > 0 ? `, with a focus on ${joinList(keywords.slice(0, 2))}` : ''}.`;
}

/**
 * A string for a field, chosen by its name and description when its format
 * does not decide: people, emails, phones, titles, URLs, places, an
 * invitation written from the fields before it, introspection notes, a
 * sentence about the subject; else a short phrase from the prompt's words.
 * Undefined when nothing fits better than the caller's default.
 */
export function stringForField(context: JsonFieldContext, name: string | undefined, description: string): string | undefined {
  const words = fieldWords(name);
  const hint = `${words} ${description.toLowerCase()}`;
  if (/considerations/.test(words) || /what to weigh/.test(hint)) return considerations(context);
  if (/^feedback$/.test(words) || /remarks on the task/.test(hint)) return feedback(context);
  if (/invitation|invite|message|email body|\bbody\b|draft/.test(words)) return invitation(context);
  if (/e ?mail/.test(words)) return emailForField(context);
  if (/phone|mobile|\btel\b/.test(words)) return context.facts.phones[0] ?? `+1 555 01${String(context.random.integer(10, 99))}`;
  if (/first name/.test(words)) return personName(context).split(' ')[0];
  if (/last name|surname|family name/.test(words)) return personName(context).split(' ').slice(1).join(' ') || context.random.pick(lastNames);
  if (/^(?:name|full name|person|attendee|participant|organi[sz]er|owner|assignee|author|contact|host|speaker|customer|user|requester)(?: name)?$/.test(words)) return personName(context);
  if (/title|subject|topic|headline|heading|agenda|name/.test(words)) return titleValue(context);
  if (/\burl\b|link|website|homepage|href/.test(words)) return context.facts.urls[0] ?? `https://example.com/${slug(titleValue(context))}`;
  if (/city|town/.test(words)) return context.random.pick(cities);
  if (/company|organi[sz]ation|employer/.test(words)) return context.random.pick(companies);
  if (/address|location|place|venue|room/.test(words)) return /room|venue|location|place/.test(words) ? 'Video call' : '12 Market Street, Springfield';
  if (/priority|urgency/.test(words)) return context.facts.urgent ? 'high' : 'normal';
  if (/summary|description|about|purpose|goal|notes?|comment|details|reason|explanation|text|answer|content/.test(words)) return describeSubject(context);
  return undefined;
}
