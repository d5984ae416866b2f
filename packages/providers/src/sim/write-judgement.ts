import * as answerFrames from './answer-frames.ts';
import { vagueMarkers } from './answer-frames.ts';
import { breaksPhrase, determiners } from './english.ts';
import type { FrameWords } from './frame-words.ts';
import * as taskFrames from './task-frames.ts';
import type { SeededRandom } from './seeded-random.ts';
import { countSimTokens } from './sim-tokens.ts';
import { concretely, draftHas, quoteStart, splitSentences } from './write-critique.ts';
import { stopWords } from './word-list.ts';

const placeholder = 'zzplaceholder';
const placeholderWords: FrameWords = {
  subject: placeholder, mention: placeholder, Mention: placeholder, core: placeholder, is: 'is', has: 'has', it: 'it',
  verb: (base) => `${base}s`, clause: placeholder, predicate: placeholder, action: placeholder, actionVerb: placeholder,
  keyword: placeholder, secondKeyword: placeholder, keywordIs: 'is', other: placeholder, audience: placeholder,
};

let frameVocabulary: Set<string> | undefined;

/** Every word the simulator's own frames use: never what an answer is about. Built once, from the frames themselves. */
function commonWords(): ReadonlySet<string> {
  if (frameVocabulary !== undefined) return frameVocabulary;
  const vocabulary = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'function') {
      // Frames take the words; sentence builders take a term first (`keywordSentence(term, words)`).
      const sentence: unknown = value.length === 2 ? value(placeholder, placeholderWords) : value.length === 1 ? value(placeholderWords) : undefined;
      if (typeof sentence === 'string') for (const word of sentence.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []) vocabulary.add(word);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  [...Object.values(answerFrames), ...Object.values(taskFrames)].forEach(visit);
  vocabulary.delete(placeholder);
  vocabulary.add('concretely');
  frameVocabulary = vocabulary;
  return vocabulary;
}

/** The two content words an answer uses most: what it is about ("password", "reset"). */
export function mainWords(text: string): string[] {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? []) {
    if (stopWords.has(word) || commonWords().has(word) || breaksPhrase(word) || determiners.has(word)) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort((left, right) => right[1] - left[1])
    .slice(0, 2)
    .map(([word]) => word);
}

interface Qualities {
  strengths: string[];
  weakness: string;
  quality: number;
}

function assess(subject: string, criteria: string): Qualities {
  const sentences = splitSentences(subject);
  const tokens = countSimTokens(subject);
  const strengths: string[] = [];
  let quality = 0.45;
  if (draftHas.steps.test(subject)) { strengths.push('lays out clear, numbered steps'); quality += 0.1; }
  if (draftHas.example.test(subject)) { strengths.push('gives a concrete example'); quality += 0.1; }
  if (draftHas.definition.test(subject)) { strengths.push('says plainly what it is about'); quality += 0.08; }
  if (draftHas.caveat.test(subject)) { strengths.push('is honest about its limits'); quality += 0.05; }
  if (draftHas.summary.test(subject)) { strengths.push('ends with a clear summary'); quality += 0.07; }
  const vague = sentences.find((sentence) => vagueMarkers.some((marker) => sentence.includes(marker)) && !sentence.includes(concretely));
  if (vague) quality -= 0.08;
  const wantsBrevity = /\b(?:brief|concise|short)\b/i.test(criteria);
  if (tokens < 25) quality += wantsBrevity ? 0.05 : -0.15;
  let weakness: string;
  if (tokens < 25 && !wantsBrevity) weakness = 'it is too short to be really helpful';
  else if (vague) weakness = `the sentence "${quoteStart(vague, 6)}…" stays vague`;
  else if (!draftHas.example.test(subject)) weakness = 'a concrete example would make it easier to follow';
  else if (!draftHas.summary.test(subject) && !draftHas.steps.test(subject)) weakness = 'it ends without a one-line summary';
  else weakness = 'it could be a little shorter';
  return { strengths, weakness, quality };
}

/**
 * A judge's verdict in the form `Score: N` / `Reason: …`. The score follows
 * what can be seen in the subject (steps, an example, a summary, a caveat,
 * vague sentences, length) with a little seeded noise, mapped onto the
 * scale; the reason names what the subject is about, its strengths and
 * the one thing that would improve it most.
 */
export function writeJudgement(random: SeededRandom, subject: string, criteria: string, minimum: number, maximum: number): string {
  const { strengths, weakness, quality } = assess(subject, criteria);
  const noise = (random.next() + random.next() - 1) * 0.12;
  const fraction = Math.min(1, Math.max(0, quality + noise));
  const integral = Number.isInteger(minimum) && Number.isInteger(maximum);
  const raw = minimum + fraction * (maximum - minimum);
  const score = integral ? Math.round(raw) : Math.round(raw * 10) / 10;
  const about = mainWords(subject);
  const topic = about.length === 0 ? 'The answer' : `The answer about ${about.join(' and ')}`;
  const body = strengths.length === 0 ? 'stays general' : strengths.slice(0, 2).join(' and ');
  return `Score: ${score}\nReason: ${topic} ${body}; ${weakness}.`;
}
