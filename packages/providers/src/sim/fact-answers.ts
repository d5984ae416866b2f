import type { SeededRandom } from './seeded-random.ts';

/**
 * Questions of fact ("Who wrote Emma?"). The simulator knows no facts and says so plainly instead
 * of inventing one, so a newcomer trying one learns what the sim is and how to get a real answer;
 * its critic and refinement keep that answer short and point to where the fact can be checked.
 */

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
