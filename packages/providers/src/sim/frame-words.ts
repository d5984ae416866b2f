import { capitalize, thirdPerson } from './english.ts';
import type { PromptTopic } from './prompt-topic.ts';

/** The words a sentence frame is filled with, derived once per answer from the prompt's topic. */
export interface FrameWords {
  /** The subject as the prompt names it ("a database index"). */
  subject: string;
  /** The subject for later mentions ("the database index"). */
  mention: string;
  /** {@link mention}, capitalised. */
  Mention: string;
  /** The subject without its determiner. */
  core: string;
  /** "is" or "are", agreeing with the subject. */
  is: string;
  /** "has" or "have". */
  has: string;
  /** "it" or "they". */
  it: string;
  /** A verb agreeing with the subject: `verb('depend')` → "depends" / "depend". */
  verb(base: string): string;
  /** The question as a clause ("a database index speeds up queries"). */
  clause: string | undefined;
  /** The clause without its subject ("speeds up queries"). */
  predicate: string | undefined;
  /** How-to: what to do ("reset your password"). */
  action: string | undefined;
  /** How-to: the action's verb ("reset"). */
  actionVerb: string | undefined;
  /** The prompt's first keyword besides the subject ("queries"). */
  keyword: string | undefined;
  /** Its second keyword. */
  secondKeyword: string | undefined;
  /** "is" or "are", agreeing with the first keyword. */
  keywordIs: string;
  /** Comparisons: the other thing compared. */
  other: string | undefined;
  /** Who the answer is for. */
  audience: string | undefined;
}

function isPlural(core: string): boolean {
  // "benefits of remote work" agrees with its head, "benefits".
  const head = core.split(/\s+of\s+/i)[0]!;
  const last = head.split(' ').at(-1)?.toLowerCase() ?? '';
  return last.length > 3 && last.endsWith('s') && !/(?:ss|us|is|ics)$/.test(last);
}

/** Builds the frame words for a topic. */
export function createFrameWords(topic: PromptTopic): FrameWords {
  const plural = isPlural(topic.core);
  const startsWithArticle = /^(?:a|an)\s/i.test(topic.subject);
  const mention = startsWithArticle ? `the ${topic.core}` : topic.subject;
  const prefix = `${topic.subject.toLowerCase()} `;
  const predicate = topic.clause !== undefined && topic.clause.toLowerCase().startsWith(prefix) ? topic.clause.slice(prefix.length).trimStart() : undefined;
  return {
    subject: topic.subject,
    mention,
    Mention: capitalize(mention),
    core: topic.core,
    is: plural ? 'are' : 'is',
    has: plural ? 'have' : 'has',
    it: plural ? 'they' : 'it',
    verb: (base) => (plural ? base : thirdPerson(base)),
    clause: topic.clause,
    predicate,
    action: topic.action,
    actionVerb: topic.action?.split(' ')[0],
    keyword: topic.keywords[0],
    keywordIs: topic.keywords[0] !== undefined && isPlural(topic.keywords[0]) ? 'are' : 'is',
    secondKeyword: topic.keywords[1],
    other: topic.others[0],
    audience: topic.audience,
  };
}
