import { vagueMarkers } from './answer-frames.ts';
import { writeFactCritique } from './fact-answers.ts';
import { writeSmallTalkCritique } from './small-talk.ts';
import { writeUnableCritique } from './unable-answers.ts';
import { createFrameWords, type FrameWords } from './frame-words.ts';
import type { PromptTopic } from './prompt-topic.ts';
import type { SeededRandom } from './seeded-random.ts';

/** What a critic checks in a draft; the refinement recognises each by the words of its guidance line. */
export type GuidanceKind =
  | 'keyword' | 'definition' | 'example' | 'vague' | 'caveat' | 'summary' | 'steps' | 'support' | 'direct' | 'practice' | 'preparation'
  | 'tie' | 'common-problem' | 'phone' | 'replacement' | 'return' | 'thanks' | 'reach';

/** Patterns that say a draft already has something (shared by the critic and the judge). */
export const draftHas = {
  example: /\bfor example\b|\bfor instance\b|\be\.g\./i,
  caveat: /\blimits?\b|\btrade-off\b|\bcaveat\b/i,
  summary: /\bIn short\b|\bIn summary\b|\bTo sum up\b/,
  steps: /^\d+\. /m,
  definition: /\bPut simply\b/,
  support: /\bcontact support\b/i,
} as const;

/** What a refinement writes after a vague sentence it makes concrete (the critic then leaves that sentence alone). */
export const concretely = '— concretely:';

/** Draft sentences and numbered lines, in order. */
export function splitSentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => (/^\s*\d+\.\s/.test(line) ? [line.trim()] : line.split(/(?<=[.!?])\s+(?=[A-Z"“])/)))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** The first `count` words of a sentence, for quoting it in guidance. */
export function quoteStart(sentence: string, count = 7): string {
  return sentence.replace(/^\d+\.\s+/, '').split(/\s+/).slice(0, count).join(' ').replace(/[,:;.]+$/, '');
}

function mentions(text: string, term: string): boolean {
  return text.toLowerCase().includes(term.toLowerCase().replace(/^(?:the|a|an)\s+/, ''));
}

type Check = (topic: PromptTopic, words: FrameWords, draft: string, sentences: readonly string[]) => string | undefined;

function summaryFocus(topic: PromptTopic, words: FrameWords): string {
  if (words.clause) return `${topic.intent === 'why' ? 'why' : 'how'} ${words.clause}`;
  if (words.action) return `how to ${words.action}`;
  return `what ${words.subject} ${words.is}`;
}

const explains = (topic: PromptTopic) => ['explain', 'why', 'general'].includes(topic.intent);

/** The checks, in priority order: content the task asks for first, then form. */
const checks: readonly Check[] = [
  (topic, _words, draft) => {
    const missing = [...topic.mentions, ...topic.keywords].find((term) => !mentions(draft, term));
    return missing ? `The task mentions "${missing}", but the draft never does; say how it fits in.` : undefined;
  },
  (topic, words, draft) => {
    if (!explains(topic) || draftHas.definition.test(draft)) return undefined;
    return topic.intent === 'why'
      ? `State in one plain sentence why ${words.clause ?? words.mention} near the start; the draft lists reasons but never says what they add up to.`
      : `Say in one sentence what ${words.subject} ${words.is}, near the start; the draft uses the term without defining it.`;
  },
  (topic, words, draft) => {
    if (draftHas.example.test(draft) || topic.intent === 'problem') return undefined;
    if (topic.intent === 'howTo') return `Add a concrete example of when someone would ${words.actionVerb ?? 'do this'}${words.actionVerb ? ` ${words.subject}` : ''}.`;
    return `Add a concrete example${words.keyword ? ` involving ${words.keyword}` : ` of ${words.mention} at work`}, so the reader can picture it.`;
  },
  (_topic, _words, _draft, sentences) => {
    const vague = sentences.find((sentence) => vagueMarkers.some((marker) => sentence.includes(marker)) && !sentence.includes(concretely));
    return vague ? `The sentence "${quoteStart(vague)}…" stays vague; name the steps or parts it refers to.` : undefined;
  },
  (topic, words, draft) =>
    topic.intent === 'howTo' && !draftHas.steps.test(draft) ? 'Number the steps so they can be followed in order.' : undefined,
  (topic, _words, draft) =>
    topic.intent === 'howTo' && !draftHas.support.test(draft) ? 'Say what to do if the steps do not work, for example whom to contact.' : undefined,
  (topic, words, draft) =>
    explains(topic) && !draftHas.caveat.test(draft) ? `Mention a limitation or caveat of ${words.mention}, so the answer does not overpromise.` : undefined,
  (topic, words, draft) =>
    !draftHas.summary.test(draft) && topic.intent !== 'problem' && topic.intent !== 'write'
      ? `End with a one-sentence summary that answers the task directly (${summaryFocus(topic, words)}).`
      : undefined,
];

/** Polish, when a draft passes every check: still concrete, and each changes the text visibly. */
const polish: readonly Check[] = [
  (topic, words, draft) =>
    topic.intent === 'problem' && !/\breplacement\b/.test(draft) ? `Offer a replacement as well as a refund for ${words.subject}.` : undefined,
  (topic, words, draft) =>
    topic.intent === 'problem' && !/\bsend .+ back\b/.test(draft) ? `Say how ${words.subject} can be sent back, and who pays for it.` : undefined,
  (topic, words, _draft, sentences) =>
    topic.intent === 'problem' ? undefined :
    words.clause && sentences[0] && !sentences[0].toLowerCase().startsWith(words.clause.toLowerCase()) && topic.intent !== 'howTo'
      ? `Open with the direct answer; "${quoteStart(sentences[0])}…" makes the reader wait for it.`
      : undefined,
  (topic, words, draft) => {
    if (topic.intent === 'problem') return undefined;
    if (topic.intent === 'howTo') return /\btwo minutes\b/.test(draft) ? undefined : 'Say how long this takes and what to have ready before starting.';
    if (/^In practice\b/m.test(draft.replace(/\. /g, '.\n'))) return undefined;
    return topic.intent === 'why' ? `Say where ${words.mention} ${words.verb('show')} this in everyday life.` : `Add one sentence on where ${words.mention} ${words.verb('matter')} most in practice.`;
  },
  (topic, words, draft) => {
    if (topic.intent === 'problem') return /\bThank you\b/.test(draft) ? undefined : `Thank the customer for reporting the problem with ${words.subject}, and apologise once more at the end.`;
    if (topic.intent === 'howTo') return draftHas.support.test(draft) ? `Name the most common problem when you ${words.action ?? 'do this'}, and how to avoid it.` : 'Say what to do if the steps do not work, for example whom to contact.';
    return draftHas.example.test(draft) ? `Tie the example back to the task: say what it shows about ${words.mention}.` : `Add a concrete example of ${words.mention} at work.`;
  },
  (topic, words, draft) =>
    topic.intent === 'howTo' && !/\bOn a phone\b/.test(draft) ? `Say where ${words.subject} ${words.is} managed on a phone as well.` : undefined,
  (topic, words, draft) =>
    topic.intent === 'problem' && !/\bcall us\b/.test(draft) ? `Give a quicker way to reach a person about ${words.subject}, for example by phone.` : undefined,
];

/** Which kind of change a guidance line asks for (also for guidance written by other models). */
export function classifyGuidance(line: string): GuidanceKind | undefined {
  // Specific asks first: several of them also say "for example".
  if (/\bvague\b|\bsharpen\b|\bname the (?:steps|parts)\b/i.test(line)) return 'vague';
  if (/\bon a phone\b/i.test(line)) return 'phone';
  if (/\breplacement\b/i.test(line)) return 'replacement';
  if (/\bthank\b/i.test(line)) return 'thanks';
  if (/\breach a person\b/i.test(line)) return 'reach';
  if (/\bsent back\b|\bwho pays\b/i.test(line)) return 'return';
  if (/\bmost common problem\b/i.test(line)) return 'common-problem';
  if (/\bhow long\b|\bhave ready\b|\bbefore starting\b/i.test(line)) return 'preparation';
  if (/\bdo(?:es)? not work\b|\bwhom to contact\b|\bsupport\b/i.test(line)) return 'support';
  if (/\bmentions? "|\bnever (?:does|mentions)\b|\bfits in\b|\bmissing\b/i.test(line)) return 'keyword';
  if (/\bsummary\b|\bsum up\b|\bconclu|\bend with\b/i.test(line)) return 'summary';
  if (/\bdefin|\bwhat .{1,60} (?:is|are)\b|\bstate the cause\b|\bone plain sentence\b/i.test(line)) return 'definition';
  if (/\btie the example\b|\bwhat it shows\b/i.test(line)) return 'tie';
  if (/\bexamples?\b/i.test(line)) return 'example';
  if (/\bnumber the steps\b|\bnumbered\b/i.test(line)) return 'steps';
  if (/\blimitation|\bcaveat\b|\btrade-off\b|\boverpromise\b|\bdrawback|\brisk/i.test(line)) return 'caveat';
  if (/\bdirect answer\b|\bget to the point\b|\blead with\b/i.test(line)) return 'direct';
  if (/\bin practice\b|\bmatters? most\b|\beveryday life\b/i.test(line)) return 'practice';
  return undefined;
}

/**
 * Reviews a draft against its task: 2–4 numbered guidance lines, each
 * naming something concrete to add or fix, taken from the task's and the
 * draft's own words (a keyword the draft skips, a vague sentence quoted,
 * a missing example, definition, caveat or summary).
 */
export function writeCritique(topic: PromptTopic, draft: string, random: SeededRandom): string {
  if (topic.intent === 'fact') return writeFactCritique(draft);
  if (topic.smallTalk !== undefined) return writeSmallTalkCritique(topic.smallTalk, draft);
  if (topic.unable !== undefined) return writeUnableCritique(topic.unable, draft);
  const words = createFrameWords(topic);
  const sentences = splitSentences(draft);
  const found = checks.map((check) => check(topic, words, draft, sentences)).filter((line): line is string => line !== undefined);
  // The seed rotates the lower-priority findings, so two critics do not always list them in the same order.
  const [first, ...rest] = found;
  const rotation = rest.length > 0 ? random.integer(0, rest.length - 1) : 0;
  const ordered = first === undefined ? [] : [first, ...rest.slice(rotation), ...rest.slice(0, rotation)];
  for (const check of polish) {
    if (ordered.length >= 2) break;
    const line = check(topic, words, draft, sentences);
    if (line !== undefined) ordered.push(line);
  }
  const count = Math.min(ordered.length, random.integer(2, 4));
  return ordered
    .slice(0, count)
    .map((line, index) => `${index + 1}. ${line}`)
    .join('\n');
}
