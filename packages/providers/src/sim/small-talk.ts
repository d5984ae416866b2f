import type { SeededRandom } from './seeded-random.ts';

/**
 * Greetings and small talk ("Hi", "Say hello", "How are you?", "Thanks", "Tell me a joke",
 * "Say something short."): a newcomer's first prompts. The simulator answers them in a sentence or
 * two, as a person would, and says what it is, instead of explaining "Hi" as if it were a topic.
 */

/** What kind of small talk a prompt is. */
export type SmallTalkKind = 'greeting' | 'wellbeing' | 'thanks' | 'farewell' | 'identity' | 'remark' | 'joke';

const smallTalkPatterns: readonly (readonly [SmallTalkKind, RegExp])[] = [
  ['joke', /^(?:(?:tell|give|write|make)\s+(?:me|us)\s+|(?:tell|give|write|make)\s+)?(?:a|another|one|some)\s+(?:(?:short|quick|good|funny|silly|bad|dad|clean)\s+)*(?:joke|pun)s?(?:\s+(?:about|on)\s+.{1,60})?$|^(?:do\s+you\s+know\s+(?:a|any)\s+jokes?|make\s+me\s+laugh|(?:say|tell\s+me)\s+something\s+funny)$/i],
  ['greeting', /^(?:(?:oh\s+)?(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|yo)(?:\s+(?:there|all|everyone|everybody|world|friend|tandem|sim|simulator))?|(?:say|reply\s+with|respond\s+with|answer\s+with)\s+(?:hi|hello|hey)(?:\s+(?:to\s+.{1,40}|world|there))?)$/i],
  ['wellbeing', /^(?:(?:hi|hello|hey),?\s+)?(?:how\s+are\s+you(?:\s+(?:doing|today|feeling))?|how'?s\s+it\s+going|how\s+do\s+you\s+do|what'?s\s+up|how\s+are\s+things)$/i],
  ['thanks', /^(?:thanks?|thank\s+you|thx|ty|cheers|many\s+thanks)(?:\s+(?:a\s+lot|so\s+much|very\s+much|again))?(?:\s+for\s+(?:the|your|that|this|everything|all)\b.{0,40})?$/i],
  ['farewell', /^(?:bye|goodbye|good\s+bye|see\s+you(?:\s+later|\s+soon)?|good\s+night|take\s+care)$/i],
  ['identity', /^(?:who|what)\s+are\s+you|^(?:what\s+can\s+you\s+do|what\s+is\s+your\s+name|what'?s\s+your\s+name|are\s+you\s+(?:a\s+)?(?:real|human|a\s+bot|an?\s+ai|a\s+model))$/i],
  ['remark', /^(?:say|write|tell\s+me|give\s+me)\s+(?:something|anything)(?:\s+(?:short|brief|nice|interesting|random|simple|quick))?$|^(?:say|write)\s+(?:a\s+)?(?:short\s+|simple\s+|random\s+)?sentence$/i],
];

/** The kind of small talk an ask is, if the whole ask is small talk (not a greeting before a question). */
export function readSmallTalk(ask: string): SmallTalkKind | undefined {
  const text = ask.replace(/[\s.!?,]+$/, '').trim();
  if (text.length > 80) return undefined;
  return smallTalkPatterns.find(([, pattern]) => pattern.test(text))?.[0];
}

/** One sentence on what the simulator is, shared by the replies. */
const whatTheSimIs = "I'm Tandem's built-in simulator: I write plausible answers without calling a real model, so you can try pipelines for free.";
const realModel = 'Add a provider key in Settings to talk to a real model.';

/** Short, harmless jokes; the seed picks one. */
export const simJokes: readonly string[] = [
  'Why did the bicycle fall over? It was two tired.',
  'Why do programmers prefer dark mode? Because light attracts bugs.',
  'What do you call a fake noodle? An impasta.',
  'Why did the scarecrow win an award? He was outstanding in his field.',
  "I told my computer I needed a break, and it said: “No problem, I'll go to sleep.”",
  'Parallel lines have so much in common. It is a shame they will never meet.',
];

const remarks: readonly string[] = [
  'Every long journey starts with a single short step.',
  'A cup of tea and a quiet morning make a good start to the day.',
  'Short answers are easy to read and quick to check.',
  'The sun rose over a calm sea, and the day began.',
];

const replies: Readonly<Record<Exclude<SmallTalkKind, 'joke' | 'remark'>, readonly string[]>> = {
  greeting: [`Hello! ${whatTheSimIs}`, `Hi there! ${whatTheSimIs}`],
  wellbeing: [`I'm fine, thanks for asking! ${whatTheSimIs}`, `Doing well, thank you! ${whatTheSimIs}`],
  thanks: ["You're welcome! If you want answers from a real model, add a provider key in Settings.", "Glad to help! I'm only Tandem's built-in simulator, though: add a provider key in Settings for real answers."],
  farewell: ['Goodbye, and happy building!', 'See you soon, and happy building!'],
  identity: [`${whatTheSimIs} ${realModel}`],
};

/** The reply to small talk: a sentence or two, picked by the seed. */
export function writeSmallTalk(kind: SmallTalkKind, random: SeededRandom): string {
  if (kind === 'joke') return random.pick(simJokes);
  if (kind === 'remark') return random.pick(remarks);
  return random.pick(replies[kind]);
}

/** A critic's guidance on a small-talk reply: keep it short and friendly; a reply of another model that forgot to greet is told so. */
export function writeSmallTalkCritique(kind: SmallTalkKind, draft: string): string {
  const lines = [
    kind === 'greeting' && !/^(?:hello|hi|hey)\b/i.test(draft.trim()) ? 'Open with a greeting: the message is a hello, not a question.' : undefined,
    'Keep it to one or two sentences: the message is small talk, not a request for an explanation.',
    kind === 'joke' ? 'Keep the joke harmless, so it suits any audience.' : 'Keep the tone friendly and plain.',
  ].filter((line): line is string => line !== undefined);
  return lines.slice(0, 2).map((line, index) => `${index + 1}. ${line}`).join('\n');
}

/** The refinement of a small-talk reply: adds a missing greeting; the rest of the guidance asks for what the reply already does. */
export function writeSmallTalkRefinement(draft: string, guidance: string): string {
  const text = draft.trim();
  return /\bopen with a greeting\b/i.test(guidance) && !/^(?:hello|hi|hey)\b/i.test(text) ? `Hello! ${text}` : text;
}
