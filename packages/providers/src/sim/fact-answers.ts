import type { SeededRandom } from './seeded-random.ts';

/**
 * Questions of fact ("Who wrote Emma?"). The simulator knows no facts and says so plainly instead
 * of inventing one, so a newcomer trying one learns what the sim is and how to get a real answer;
 * its critic and refinement keep that answer short and point to where the fact can be checked.
 */

const factQuestionWords: ReadonlySet<string> = new Set(['who', 'whom', 'whose', 'when', 'where', 'which']);
const factMeasures: ReadonlySet<string> = new Set(['many', 'much', 'old', 'tall', 'far', 'big', 'high', 'deep']);
const personalWords = /\b(?:i|i'm|i've|my|me|we|our|us|should|better|best|recommend)\b/i;
/** "What is the capital of France?": the facts a "what is the … of" question asks for. */
const factNouns: ReadonlySet<string> = new Set([
  'capital', 'population', 'currency', 'language', 'languages', 'president', 'prime', 'king', 'queen', 'author', 'writer', 'director',
  'founder', 'inventor', 'composer', 'painter', 'date', 'year', 'birthday', 'age', 'height', 'length', 'area', 'size', 'weight',
  'depth', 'distance', 'diameter', 'speed', 'boiling', 'melting', 'price', 'name', 'address', 'atomic', 'chemical', 'symbol',
]);
const superlatives = /^(?:tallest|largest|biggest|longest|highest|oldest|smallest|fastest|deepest|richest|hottest|coldest|youngest|shortest)$/;

/**
 * A question of fact: who, when, where, which, how many… about the world, not about the asker
 * ("Who wrote Emma?", "What is the capital of France?"; not "Where can I change my password?",
 * a how-to, nor "What is a refrigerator?", an explanation). `words` are the ask's words, lower case.
 */
export function asksForAFact(ask: string, words: readonly string[]): boolean {
  const [first = '', second = '', third = '', fourth = ''] = words;
  if (words.length < 3 || personalWords.test(ask)) return false;
  if (factQuestionWords.has(first)) return true;
  if (first === 'how' && factMeasures.has(second)) return true;
  if (first === 'what' && ['year', 'date', 'day', 'century', 'country', 'city'].includes(second)) return true;
  // "What is/was the capital of …", "What's the tallest …".
  const [article, noun] = first === "what's" ? [second, third] : first === 'what' && ['is', 'was', 'are', 'were'].includes(second) ? [third, fourth] : [undefined, undefined];
  return article === 'the' && noun !== undefined && (superlatives.test(noun) || (factNouns.has(noun) && words.includes('of')));
}

const checkSource = 'Meanwhile, an encyclopedia or another reliable reference will have the answer.';
const mentionsSource = /\bencyclopedia\b|\breference\b|\bofficial source\b/i;

/** The first answer to a question of fact. */
export function writeFactAnswer(question: string, random: SeededRandom): string {
  const quoted = `“${question}”`;
  const answers = [
    `I can't look that up: this answer comes from Tandem's built-in simulator, which writes plausible text offline but knows no facts. Run the step on a real model (add a provider key in Settings) to get an answer to ${quoted}`,
    `${quoted} is a question of fact, and the simulator writing this answer has no facts to draw on: it runs offline and shows the shape of a run, not real knowledge. A real model (add a provider key in Settings) will answer it.`,
  ];
  return answers[Math.floor(random.next() * answers.length)]!;
}

/** A critic's guidance on such an answer: where to check the fact, and keep it short. */
export function writeFactCritique(draft: string): string {
  const lines = [
    mentionsSource.test(draft) ? undefined : 'Say where the reader can check the answer meanwhile, for example an encyclopedia or an official source.',
    'Keep it short: the question asks for a single fact, so two or three sentences are enough.',
    'Do not guess at the fact itself: an invented answer is worse than none.',
  ].filter((line): line is string => line !== undefined);
  return lines.slice(0, 2).map((line, index) => `${index + 1}. ${line}`).join('\n');
}

/** The refinement: takes in a request for a source; the rest of the guidance asks for what the answer already does. */
export function writeFactRefinement(draft: string, guidance: string): string {
  const text = draft.trim();
  return mentionsSource.test(guidance) && !mentionsSource.test(text) ? `${text} ${checkSource}` : text;
}
