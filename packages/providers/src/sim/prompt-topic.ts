import { breaksPhrase, determiners, isAdjectiveLike, isParticiple, isVerbLike, swapPronouns, thirdPerson } from './english.ts';
import { leadingNounPhrase, phraseText, slice, splitWords, type Words } from './noun-phrases.ts';
import { asksForAFact } from './fact-answers.ts';
import { readSmallTalk, type SmallTalkKind } from './small-talk.ts';
import { readUnableTask, type UnableTask } from './unable-answers.ts';
import { stopWords } from './word-list.ts';

/** What kind of answer a prompt asks for. */
export type AnswerIntent =
  | 'explain' | 'howTo' | 'why' | 'compare' | 'list' | 'recommend' | 'summarize' | 'write' | 'problem' | 'fact' | 'smallTalk' | 'unable' | 'general';

/** What a prompt is about, read from its own words. */
export interface PromptTopic {
  /** The kind of answer asked for. */
  intent: AnswerIntent;
  /** The thing asked about as a noun phrase, pronouns swapped ("a database index", "your password"). */
  subject: string;
  /** The subject without its determiner ("database index"). */
  core: string;
  /** The question restated as a clause ("a database index speeds up queries"), when the prompt has one. */
  clause: string | undefined;
  /** For how-to prompts: what to do ("reset your password"). */
  action: string | undefined;
  /** For comparisons: the other things compared. */
  others: string[];
  /** Content words of the prompt besides the subject, in order. */
  keywords: string[];
  /** The prompt asks for a short answer. */
  brief: boolean;
  /** The prompt asks for an example. */
  wantsExample: boolean;
  /** The prompt asks for steps. */
  wantsSteps: boolean;
  /** Who the answer is for ("a child"), when the prompt says. */
  audience: string | undefined;
  /** For writing prompts: the form asked for ("haiku", "email"). */
  form: string | undefined;
  /** Terms a validator's feedback asks the answer to mention. */
  mentions: string[];
  /** The prompt asks whether something is possible ("Can I …?"). */
  asksPermission: boolean;
  /** For questions of fact ("Who wrote Emma?"): the question as asked. */
  question: string | undefined;
  /** For small talk ("Hi", "Tell me a joke"): which kind. */
  smallTalk: SmallTalkKind | undefined;
  /** For a task the simulator cannot do ("Translate 'good morning' into French"): the task. */
  unable: UnableTask | undefined;
}

const feedbackMarker = '\n\nYour previous answer was rejected';
const mentionPattern = /\b(?:mention|include|contain|use|say)\w*\s+(?:the\s+(?:word|term|phrase)s?\s+)?["“]([^"”\n]{1,60})["”]/gi;
const audiencePattern = /\s+(?:to|for)\s+((?:a|an|my|your)\s+(?:\w+[- ])?(?:child|kid|beginner|newcomer|teenager|student|manager|grandparent|five-year-old|layperson|customer|developer))\b/i;
const formPattern = /^(?:write|draft|compose|give me|create)\s+(?:me\s+)?(?:a|an)\s+(?:short\s+|quick\s+|brief\s+)?(haiku|poem|limerick|story|email|e-mail|letter|tweet|slogan|tagline|message|note|reply|announcement)\b\s*(?:about|on|for|to|that|announcing)?\s*/i;
const problemPattern = /\b(?:broken|broke|can'?t|cannot|won'?t|doesn'?t|didn'?t|not working|failed|fails|failing|error|lost|wrong|missing|late|never arrived|damaged|stuck|locked out|charged twice)\b/i;

function isContentWord(word: string): boolean {
  return word.length >= 3 && !stopWords.has(word) && !breaksPhrase(word) && !determiners.has(word) && !/\d/.test(word);
}

/**
 * Keywords besides the subject: the noun phrases after a preposition or a
 * verb ("queries", "sunset", "green plants"), then single content words;
 * adjectives and verbs on their own are left out.
 */
function keywordsOf(words: Words, exclude: ReadonlySet<string>, limit: number): string[] {
  const found: string[] = [];
  const add = (phrase: string) => {
    if (phrase !== '' && !found.includes(phrase) && found.length < limit) found.push(phrase);
  };
  for (let index = 0; index < words.lower.length - 1; index++) {
    const word = words.lower[index]!;
    if (!breaksPhrase(word) && !isVerbLike(word, true)) continue;
    const { phrase } = leadingNounPhrase(words, false, index + 1);
    // "the day", "a strong captain" keep their article so frames read naturally; possessives and other determiners go.
    const core = phrase.filter((part, position) => !determiners.has(part.toLowerCase()) || (position === 0 && ['the', 'a', 'an'].includes(part.toLowerCase()) && phrase.length > 1));
    const last = core.at(-1)?.toLowerCase();
    const head = core.find((part) => !['the', 'a', 'an'].includes(part.toLowerCase()));
    if (head !== undefined && isVerbLike(head.toLowerCase(), true)) continue;
    if (last === undefined || !isContentWord(last) || isAdjectiveLike(last) || isVerbLike(last, true)) continue;
    if (core.every((part) => exclude.has(part.toLowerCase()) || ['the', 'a', 'an'].includes(part.toLowerCase())) || exclude.has(last)) continue;
    add(core.join(' '));
  }
  for (const word of words.lower) {
    if (word.length < 4 || !isContentWord(word) || exclude.has(word) || isAdjectiveLike(word) || isVerbLike(word, true) || isParticiple(word)) continue;
    if (!found.some((phrase) => phrase.toLowerCase().split(' ').includes(word))) add(word);
  }
  return found;
}

/** The sentence that carries the ask: the first question, else the first sentence, without greetings and politeness. */
function mainAsk(text: string): string {
  const sentences = text.replace(/\s+/g, ' ').trim().split(/(?<=[.?!])\s+/);
  // "Hi! Tell me a joke.": a greeting or thanks before the ask is not the ask.
  const asks = sentences.length > 1 ? sentences.filter((sentence) => !['greeting', 'thanks'].includes(readSmallTalk(sentence) ?? '')) : sentences;
  let ask = asks.find((sentence) => sentence.includes('?')) ?? asks[0] ?? sentences[0] ?? '';
  ask = ask.replace(/^(?:hi|hello|hey|dear)\b[^,]*,\s*/i, '');
  ask = ask.replace(/^(?:please|kindly)\s+/i, '').replace(/^(?:can|could|would|will)\s+you\s+(?:please\s+)?/i, '');
  ask = ask.replace(/^(?:i\s+(?:want|would like|'d like)\s+to\s+know|i\s+wonder|tell me)\s+/i, (match) => (/tell me/i.test(match) ? 'tell me ' : ''));
  return ask.replace(/[.?!]+$/, '').trim();
}

/** Reads the instruction prefix of a prompt ("Answer briefly:", "Answer step by step, with an example:") and returns the rest. */
function stripInstructionPrefix(text: string): string {
  const match = /^\s*([^:\n?]{3,80}):\s+(?=\S)/.exec(text);
  if (match && /\b(?:answer|reply|respond|explain|write|in one|step|example|briefly|short)\b/i.test(match[1]!)) return text.slice(match[0].length);
  return text;
}

function emptyTopic(intent: AnswerIntent, subject: string): PromptTopic {
  const words = splitWords(subject);
  const core = determiners.has(words.lower[0] ?? '') ? words.original.slice(1).join(' ') : subject;
  return {
    intent, subject, core: core === '' ? subject : core, clause: undefined, action: undefined, others: [], keywords: [],
    brief: false, wantsExample: false, wantsSteps: false, audience: undefined, form: undefined, mentions: [], asksPermission: false,
    question: undefined, smallTalk: undefined, unable: undefined,
  };
}

/** Rebuilds "does the sky look blue" as "the sky looks blue" (aux + subject + rest → subject + verb + rest). */
function statementFrom(aux: string, rest: Words): { clause: string; subject: string } {
  const { phrase, end: phraseEnd } = leadingNounPhrase(rest, aux === 'does' || aux === 'do' || aux === 'did');
  let end = phraseEnd;
  // "why is the sky blue": the last word after a two-word phrase is the complement, not part of the subject.
  if (end === rest.original.length && phrase.length >= 3 && !['does', 'do', 'did'].includes(aux)) {
    phrase.pop();
    end--;
  }
  const subject = phrase.join(' ');
  const tail = rest.original.slice(end);
  if (tail.length === 0) return { clause: subject, subject };
  if (aux === 'does') tail[0] = thirdPerson(tail[0]!.toLowerCase());
  const verb = aux === 'does' || aux === 'do' || aux === 'did' ? '' : `${aux} `;
  return { clause: `${subject} ${verb}${tail.join(' ')}`, subject };
}

/** An ask that points at a text given elsewhere in the prompt ("Summarize this", "the following", "the text below"). */
const refersToAText = /:|\b(?:this|these|that|it|following|below|above|text|article|passage|document|email|message|conversation|thread|transcript|notes)\b/i;

/** `givesText`: the prompt holds more than its ask (a text to work on). */
function readIntent(ask: string, words: Words, givesText: boolean): PromptTopic {
  const [first = '', second = '', third = ''] = words.lower;
  const rest = (from: number) => slice(words, from);
  const fallback = words.original.slice(0, 4).join(' ') || 'this';

  const smallTalk = readSmallTalk(ask);
  if (smallTalk) return { ...emptyTopic('smallTalk', phraseText(words, fallback)), smallTalk };
  const unable = readUnableTask(ask);
  if (unable) return { ...emptyTopic('unable', phraseText(words, fallback)), unable };
  const form = formPattern.exec(ask);
  if (form) {
    const rest = ask.slice(form[0].length);
    const about = /\b(?:about|on|regarding)\s+(.+)$/i.exec(rest)?.[1];
    const topic = emptyTopic('write', phraseText(splitWords(about ?? rest), 'the topic'));
    return { ...topic, form: form[1]!.toLowerCase().replace('e-mail', 'email') };
  }
  if (first === 'where' && ['can', 'do', 'should', 'could'].includes(second) && ['i', 'we'].includes(third) && words.original.length > 3) {
    const actionWords = rest(3);
    const topic = emptyTopic('howTo', phraseText(slice(actionWords, 1), actionWords.original.join(' ')));
    return { ...topic, action: actionWords.original.join(' '), wantsSteps: true };
  }
  if (asksForAFact(ask, words.lower)) {
    const question = `${ask.charAt(0).toUpperCase()}${ask.slice(1).replace(/[\s?.!]+$/, '')}?`;
    return { ...emptyTopic('fact', phraseText(rest(first === 'who' || first === 'which' ? 1 : 2), fallback)), question };
  }
  if (first === 'what' && second === 'are' && /^(?:the\s+)?(?:main\s+|key\s+)?(?:benefits|advantages|pros|cons|risks|drawbacks|disadvantages|types|kinds|ways|tips|steps|reasons|best practices)\b/i.test(rest(2).original.join(' '))) {
    return emptyTopic('list', phraseText(rest(2), fallback));
  }
  if ((first === 'what' || first === 'who') && ['is', 'are', 'was', 'were', "what's"].includes(second)) {
    return emptyTopic('explain', phraseText(rest(2), fallback));
  }
  if (first === 'how' && ['do', 'can', 'should', 'would', 'could', 'to'].includes(second)) {
    const start = ['i', 'we', 'you', 'one'].includes(third) ? 3 : 2;
    const actionWords = rest(start);
    if (actionWords.original.length > 0) {
      const topic = emptyTopic('howTo', phraseText(slice(actionWords, 1), actionWords.original.join(' ')));
      return { ...topic, action: actionWords.original.join(' '), wantsSteps: true };
    }
  }
  if (['can', 'could', 'may'].includes(first) && ['i', 'we'].includes(second) && words.original.length > 2) {
    const actionWords = rest(2);
    const topic = emptyTopic('howTo', phraseText(slice(actionWords, 1), actionWords.original.join(' ')));
    return { ...topic, action: actionWords.original.join(' '), wantsSteps: true, asksPermission: true };
  }
  if (first === 'how' && ['does', 'do', 'is', 'are', 'can'].includes(second)) {
    const statement = statementFrom(second, rest(2));
    const clause = /\b(?:work|works|function|functions|happen|happens)$/.test(statement.clause) ? undefined : statement.clause;
    return { ...emptyTopic('explain', statement.subject || fallback), clause };
  }
  if (first === 'why' && ['do', 'does', 'did', 'is', 'are', 'was', 'were', 'can', 'should', 'would'].includes(second)) {
    const statement = statementFrom(second, rest(2));
    return { ...emptyTopic('why', statement.subject || fallback), clause: statement.clause };
  }
  if (['explain', 'describe', 'tell', 'teach', 'show'].includes(first)) {
    let start = first === 'tell' || first === 'teach' || first === 'show' ? (second === 'me' || second === 'us' ? 2 : 1) : 1;
    if (words.lower[start] === 'about') start++;
    const kind = words.lower[start];
    if (kind === 'how' || kind === 'why') {
      const clauseWords = rest(start + 1);
      // "how weather forecasts work": the subject is what works, not "weather forecasts work".
      const working = kind === 'how' && /^(?:works?|functions?|happens?)$/.test(clauseWords.lower.at(-1) ?? '') ? slice(clauseWords, 0, clauseWords.original.length - 1) : clauseWords;
      const topic = emptyTopic(kind === 'how' ? 'explain' : 'why', phraseText(working.original.length > 0 ? working : clauseWords, fallback));
      return { ...topic, clause: clauseWords.original.join(' ') };
    }
    if (kind === 'what') return emptyTopic('explain', phraseText(rest(start + 2), fallback));
    return emptyTopic('explain', phraseText(rest(start), fallback));
  }
  const comparison = /^(?:compare|contrast)\s+(.+?)\s+(?:and|with|to|vs\.?|versus)\s+(.+)$/i.exec(ask) ?? /\bdifference\s+between\s+(.+?)\s+and\s+(.+)$/i.exec(ask) ?? /^(?:should\s+\w+\s+(?:use|choose|pick|buy|learn)\s+|which\s+is\s+better,?\s+)(.+?)\s+or\s+(.+)$/i.exec(ask);
  if (comparison) {
    const topic = emptyTopic(first === 'should' || first === 'which' ? 'recommend' : 'compare', phraseText(splitWords(comparison[1]!), comparison[1]!));
    return { ...topic, others: [phraseText(splitWords(comparison[2]!), comparison[2]!)] };
  }
  if (['list', 'name', 'give', 'suggest'].includes(first)) {
    const start = first === 'give' && second === 'me' ? 2 : 1;
    return { ...emptyTopic('list', phraseText(rest(start), fallback)), wantsSteps: false };
  }
  if (first === 'should' || first === 'which' || (first === 'what' && /\bbest\b/.test(ask))) {
    const statement = statementFrom(second, rest(2));
    return { ...emptyTopic('recommend', statement.subject || fallback), clause: `you should ${rest(3).original.join(' ')}`.trim() };
  }
  if (/^(?:summari[sz]e|sum up|tl;?dr)/i.test(ask)) {
    // Without a text to summarize, "Summarize the benefits of remote work" asks for a brief explanation of its topic.
    if (givesText || !/^(?:summari[sz]e|sum up)\s+\w/i.test(ask) || refersToAText.test(ask)) return emptyTopic('summarize', 'the text');
    return { ...emptyTopic('explain', phraseText(rest(first === 'sum' ? 2 : 1), fallback)), brief: true };
  }
  if (['create', 'make', 'generate', 'build', 'design', 'prepare', 'draft'].includes(first) && words.original.length > 1) {
    return emptyTopic('general', phraseText(rest(1), fallback));
  }
  if (problemPattern.test(ask) && /\b(?:my|i|i'm|i've|we|our)\b/i.test(ask)) {
    const clause = swapPronouns(ask.charAt(0).toLowerCase() + ask.slice(1));
    return { ...emptyTopic('problem', phraseText(splitWords(clause), fallback)), clause };
  }
  return emptyTopic('general', phraseText(words, fallback));
}

/**
 * Reads what a prompt asks and what it is about, from its own words: the
 * intent (explain, how-to, why, compare…), the subject as a noun phrase,
 * the question as a clause, other content words, and flags (brief,
 * example, steps, audience). Pronouns are swapped to the second person.
 *
 * @example
 * readPromptTopic('Explain how a database index speeds up queries.');
 * // { intent: 'explain', subject: 'a database index', clause: 'a database index speeds up queries', … }
 */
export function readPromptTopic(text: string): PromptTopic {
  let topic = topicCache.get(text);
  if (topic === undefined) {
    topic = Object.freeze(parsePromptTopic(text));
    if (topicCache.size >= topicCacheSize) topicCache.clear();
    topicCache.set(text, topic);
  }
  return topic;
}

/** Parsed topics by prompt text: a critique loop reads the same task in every call. */
const topicCache = new Map<string, PromptTopic>();
const topicCacheSize = 256;

function parsePromptTopic(text: string): PromptTopic {
  const feedbackAt = text.indexOf(feedbackMarker);
  const task = (feedbackAt === -1 ? text : text.slice(0, feedbackAt)).slice(0, 1200);
  const feedback = feedbackAt === -1 ? '' : text.slice(feedbackAt);
  const stripped = stripInstructionPrefix(task);
  const prefix = task.slice(0, task.length - stripped.length);
  let ask = mainAsk(stripped);
  const audience = audiencePattern.exec(ask);
  if (audience) ask = ask.slice(0, audience.index) + ask.slice(audience.index + audience[0].length);
  const askWords = splitWords(ask);
  const givesText = splitWords(stripped).original.length >= askWords.original.length + 8;
  const topic = readIntent(ask, askWords, givesText);
  const swap = (value: string | undefined) => (value === undefined ? undefined : swapPronouns(value));
  const subject = swapPronouns(topic.subject);
  const core = swapPronouns(topic.core);
  const exclude = new Set(splitWords(`${subject} ${topic.others.join(' ')} ${topic.form ?? ''}`).lower);
  const flags = `${prefix} ${ask}`;
  return {
    ...topic,
    subject,
    core,
    clause: swap(topic.clause),
    action: swap(topic.action),
    others: topic.others.map(swapPronouns),
    keywords: keywordsOf(askWords, exclude, 4),
    brief: topic.brief || /\b(?:briefly|brief|short|in one sentence|one-line|concise|tl;?dr|in a few words)\b/i.test(flags),
    wantsExample: topic.wantsExample || /\bexamples?\b/i.test(flags),
    wantsSteps: topic.wantsSteps || /\bstep[- ]by[- ]step\b|\bsteps\b/i.test(flags),
    audience: audience?.[1]?.toLowerCase(),
    mentions: [...feedback.matchAll(mentionPattern)].map((match) => match[1]!.trim()),
  };
}
