import { capitalize } from './english.ts';
import type { FrameWords } from './frame-words.ts';

/** A sentence frame: fills in the topic's words, or returns undefined when a word it needs is missing. */
export type Frame = (words: FrameWords) => string | undefined;

const kw = (words: FrameWords, fallback: string) => words.keyword ?? fallback;

/** Opening sentences of an explanation. */
export const explainOpenings: readonly Frame[] = [
  (w) => (w.clause ? `Here is how ${w.clause}, in plain terms.` : undefined),
  (w) => (w.clause ? undefined : `Here is what ${w.subject} ${w.is} and how ${w.it} ${w.verb('work')}, in plain terms.`),
  (w) => `${capitalize(w.subject)} ${w.is} easiest to understand from what ${w.it} ${w.is} for: once the purpose is clear, the rest follows.`,
  (w) => `${capitalize(w.subject)} ${w.is} easier to understand than ${w.it} might seem.`,
  (w) => (w.audience ? `Here is a simple way to explain ${w.subject} to ${w.audience}.` : undefined),
];

/** Body sentences of an explanation; the ones marked vague are what a critic asks to sharpen. */
export const explainBody: readonly Frame[] = [
  (w) => `What makes ${w.mention} work is that each part has one job and passes its result on to the next.`,
  (w) =>
    `${w.Mention} ${w.verb('depend')} on ${w.keyword ? `${w.keyword}${w.secondKeyword ? ` and ${w.secondKeyword}` : ''}` : `the conditions around ${w.it === 'it' ? 'it' : 'them'}`}: when ${w.keyword && !w.secondKeyword && w.keywordIs === 'is' ? 'that changes' : 'they change'}, so does the result.`,
  (w) => `Most of what ${w.mention} ${w.verb('do')} happens in a few steps that repeat, which is why ${w.it} ${w.verb('behave')} so predictably.`,
  (w) => (w.predicate ? `The reason ${w.mention} ${w.predicate} is not magic: it follows from how ${w.it} ${w.is} set up.` : undefined),
  (w) => `It helps to separate the parts of ${w.mention} that stay fixed from the parts that change with ${kw(w, 'each use')}.`,
  (w) => (w.keyword ? `People often overlook how much ${w.keyword} ${w.keywordIs === 'are' ? 'matter' : 'matters'} here; ${w.keywordIs === 'are' ? 'they shape' : 'it shapes'} the outcome more than anything else.` : undefined),
  (w) => `The details vary from case to case, but the principle behind ${w.mention} stays the same.`,
];

/** Sentences a critic can call vague (they promise detail they do not give). */
export const vagueMarkers: readonly string[] = ['in a few steps', 'each part has one job', 'The details vary', 'is not magic'];

/** The two reasons of a "why" answer, in order. */
export const whyReasons: readonly Frame[] = [
  (w) => `The first reason lies in ${w.mention} ${w.it === 'it' ? 'itself' : 'themselves'}: what ${w.it} ${w.is} made of decides how ${w.it} ${w.verb('behave')}.`,
  (w) => `The second reason is the setting: the same ${w.core} ${w.verb('behave')} differently when the conditions around ${w.it === 'it' ? 'it' : 'them'} change.`,
];

/** Further sentences of a "why" answer. */
export const whyBody: readonly Frame[] = [
  (w) => (w.keyword ? `The part about ${w.keyword} is the one most people find surprising, and it follows from the same cause.` : undefined),
  (w) => (w.secondKeyword ? `The part about ${w.secondKeyword} is the same effect, seen under different conditions.` : undefined),
  () => `Most of the effect happens in a few steps that repeat, which is why it is so reliable.`,
  (w) => `Both reasons work together, so looking at only one of them gives half of the picture of ${w.mention}.`,
];

/** Openings of "why" answers. */
export const whyOpenings: readonly Frame[] = [
  (w) => (w.clause ? `${capitalize(w.clause)} for a couple of connected reasons.` : undefined),
  (w) => (w.clause ? `There are two main reasons why ${w.clause}.` : undefined),
  (w) => `The answer comes down to what ${w.mention} ${w.is} and the conditions around ${w.it === 'it' ? 'it' : 'them'}.`,
];

/** Example sentences (a critic looks for "For example"). */
export const exampleSentences: readonly Frame[] = [
  (w) => `For example, take ${w.keyword ? `a case that involves ${w.keyword}` : 'an everyday case'}: follow it step by step and you can see where ${w.mention} ${w.verb('make')} the difference.`,
  (w) => `For example, compare a case with ${w.mention} and one without ${w.it === 'it' ? 'it' : 'them'}; the difference between the two is exactly what ${w.mention} ${w.verb('add')}.`,
];

/** Example sentences for "why" answers. */
export const whyExamples: readonly Frame[] = [
  (w) => `For example, look at ${w.mention} at two different moments: the change you see between them is the second reason at work.`,
  (w) => (w.keyword ? `For example, compare what you see with ${w.keyword} and without it; the difference is the first reason at work.` : undefined),
];

/** Caveats (a critic looks for "limit", "trade-off" or "caveat"). */
export const limitSentences: readonly Frame[] = [
  () => 'One caveat: this describes the usual case, and unusual conditions can change the picture.',
  (w) => `${w.Mention} ${w.has} limits, too: ${w.it} ${w.verb('work')} best in the situations ${w.it} ${w.it === 'it' ? 'was' : 'were'} designed for, and less well outside them.`,
];

/** Caveats of "why" answers. */
export const whyCaveats: readonly Frame[] = [
  () => 'One caveat: this describes the usual case, and unusual conditions can change the picture.',
  () => 'One caveat: real cases mix both reasons, so the effect is rarely as clean as described here.',
];

/** Closing summaries of "why" answers. */
export const whyClosings: readonly Frame[] = [
  (w) => (w.clause ? `In short, ${w.clause} because both reasons act at once.` : undefined),
  (w) => `In short, the answer lies in what ${w.mention} ${w.is} and in the conditions around ${w.it === 'it' ? 'it' : 'them'}.`,
];

/** Closing summaries (a critic looks for "In short"). */
export const closingSentences: readonly Frame[] = [
  (w) => (w.clause ? `In short, ${w.clause}, and knowing why makes it easier to use well.` : undefined),
  (w) => `In short, ${w.mention} ${w.is} simpler than ${w.it} first ${w.verb('look')}: a clear purpose, a few moving parts and a predictable result.`,
  (w) => `In short, once you see what ${w.mention} ${w.is} for, the details fall into place.`,
];

/** Where the subject matters in practice, added when a critic asks for it. */
export const practiceSentence: Frame = (w) =>
  w.keyword && !w.keyword.startsWith('the ')
    ? `In practice, this matters most at scale: the more ${w.keyword} there ${w.keywordIs}, the bigger the difference ${w.mention} ${w.verb('make')}.`
    : `In practice, ${w.mention} ${w.verb('matter')} most where mistakes are expensive or time is short.`;

/** Where a "why" shows in practice. */
export const whyPractice: Frame = () => 'In practice, you notice this most when the conditions change, because that is when the second reason takes over.';

/** The cause in one plain sentence, added when a critic asks for it in a "why" answer. */
export const whyDefinitions: readonly Frame[] = [
  (w) => (w.clause ? `Put simply, ${w.clause} because of what ${w.mention} ${w.is} made of and the conditions around ${w.it === 'it' ? 'it' : 'them'}.` : undefined),
  (w) => `Put simply, it comes down to what ${w.mention} ${w.is} made of and the conditions around ${w.it === 'it' ? 'it' : 'them'}.`,
];

/** A one-sentence definition, added when a critic asks what the subject is. */
export const definitionSentences: readonly Frame[] = [
  (w) => (w.predicate ? `Put simply, ${w.subject} ${w.is} what ${w.predicate}; everything else is detail.` : undefined),
  (w) => `Put simply, ${w.subject} ${w.is} a way of getting one particular job done reliably, again and again.`,
];

/** General answers, when the prompt is not a recognisable question. */
export const generalOpenings: readonly Frame[] = [
  (w) => `Here is a short answer about ${w.subject}.`,
  (w) => `${capitalize(w.subject)} is a good place to start, so here is an overview.`,
];

/** A sentence that brings in a term a validator asked for. */
export const mentionSentence = (term: string, words: FrameWords): string =>
  `${capitalize(term)} is part of this as well: it is one of the things ${words.mention} ${words.verb('depend')} on.`;

/** A sentence that brings in a keyword a critic found missing. */
export const keywordSentence = (keyword: string, words: FrameWords): string =>
  `${capitalize(keyword)} matters here as well: it is where ${words.mention} ${words.verb('make')} a visible difference.`;


/** The frames of one kind of prose answer, used to write it, to review it and to refine it. */
export interface ProseFrames {
  openings: readonly Frame[];
  /** Sentences that always follow the opening, in order (the reasons of a "why"). */
  leading: readonly Frame[];
  body: readonly Frame[];
  examples: readonly Frame[];
  caveats: readonly Frame[];
  closings: readonly Frame[];
  definitions: readonly Frame[];
  practice: Frame;
}

const explanationFrames: ProseFrames = {
  openings: explainOpenings,
  leading: [],
  body: explainBody,
  examples: exampleSentences,
  caveats: limitSentences,
  closings: closingSentences,
  definitions: definitionSentences,
  practice: practiceSentence,
};

const reasonFrames: ProseFrames = {
  openings: whyOpenings,
  leading: whyReasons,
  body: whyBody,
  examples: whyExamples,
  caveats: whyCaveats,
  closings: whyClosings,
  definitions: whyDefinitions,
  practice: whyPractice,
};

const generalFrames: ProseFrames = { ...explanationFrames, openings: generalOpenings };

/** The prose frames for an intent: reasons for "why", an overview for general prompts, else an explanation. */
export function proseFramesFor(intent: string): ProseFrames {
  return intent === 'why' ? reasonFrames : intent === 'general' || intent === 'write' ? generalFrames : explanationFrames;
}
