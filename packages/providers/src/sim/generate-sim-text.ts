import type { SeededRandom } from './seeded-random.ts';
import { simWords, stopWords } from './word-list.ts';

const tokenPattern = /\s*[\p{L}\p{N}']+|\s*[^\p{L}\p{N}'\s]+|\s+/gu;

/**
 * Splits text into simulator tokens: a word or a run of punctuation, each
 * carrying its leading whitespace, so `tokens.join('') === text`.
 */
export function tokenizeSimText(text: string): string[] {
  return text.match(tokenPattern) ?? [];
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/**
 * Picks up to `limit` distinct content words (5+ letters, not stop words,
 * naively singular) from the first 600 characters, to make answers look on topic.
 */
export function extractTopicWords(text: string, limit = 6): string[] {
  const topics: string[] = [];
  const words = text.slice(0, 600).toLowerCase().match(/[a-z]{5,}/g);
  if (!words) return topics;
  for (const word of words) {
    if (stopWords.has(word)) continue;
    const topic = singular(word);
    if (topics.includes(topic)) continue;
    topics.push(topic);
    if (topics.length >= limit) break;
  }
  return topics;
}

/** Generated text and how many simulator tokens it has (`tokenizeSimText(text).length`). */
export interface GeneratedText {
  text: string;
  tokenCount: number;
}

const capitalizedDeterminers = simWords.determiners.map((word) => word.charAt(0).toUpperCase() + word.slice(1));

/**
 * Appends words to one string and counts tokens as it goes (no token array:
 * the instant simulator must cost microseconds). Words never contain
 * hyphens or digits, so the count matches {@link tokenizeSimText}.
 */
class TextWriter {
  text = '';
  tokenCount = 0;

  word(word: string): void {
    this.text = this.tokenCount === 0 ? word : `${this.text} ${word}`;
    this.tokenCount++;
  }

  punctuation(mark: string): void {
    this.text += mark;
    this.tokenCount++;
  }
}

function pickNoun(random: SeededRandom, topics: readonly string[]): string {
  return topics.length > 0 && random.next() < 0.3 ? random.pick(topics) : random.pick(simWords.nouns);
}

function writeNounPhrase(writer: TextWriter, random: SeededRandom, topics: readonly string[], startsSentence: boolean): void {
  writer.word(random.pick(startsSentence ? capitalizedDeterminers : simWords.determiners));
  if (random.next() < 0.5) writer.word(random.pick(simWords.adjectives));
  writer.word(pickNoun(random, topics));
}

function writeClause(writer: TextWriter, random: SeededRandom, topics: readonly string[], startsSentence: boolean): void {
  writeNounPhrase(writer, random, topics, startsSentence);
  if (random.next() < 0.25) writer.word(random.pick(simWords.adverbs));
  writer.word(random.pick(simWords.verbs));
  writeNounPhrase(writer, random, topics, false);
  if (random.next() < 0.45) {
    writer.word(random.pick(simWords.prepositions));
    writeNounPhrase(writer, random, topics, false);
  }
}

function writeSentence(writer: TextWriter, random: SeededRandom, topics: readonly string[]): void {
  const form = random.next();
  if (form < 0.25) {
    const connector = random.pick(simWords.connectors);
    const space = connector.indexOf(' ');
    if (space === -1) writer.word(connector);
    else for (const word of connector.split(' ')) writer.word(word);
    writer.punctuation(',');
    writeClause(writer, random, topics, false);
  } else if (form < 0.5) {
    writeClause(writer, random, topics, true);
    writer.punctuation(',');
    writer.word(random.pick(simWords.conjunctions));
    writeClause(writer, random, topics, false);
  } else {
    writeClause(writer, random, topics, true);
  }
  writer.punctuation('.');
}

/** Generates English-ish prose of at least `targetTokens` tokens, ending at a sentence boundary. */
export function generateProse(random: SeededRandom, topics: readonly string[], targetTokens: number): GeneratedText {
  const writer = new TextWriter();
  while (writer.tokenCount < targetTokens) writeSentence(writer, random, topics);
  return { text: writer.text, tokenCount: writer.tokenCount };
}

const critiqueTemplates = [
  'Clarify what "{topic}" means in this context and define it early.',
  'Add a concrete example that illustrates {topic}.',
  'Check the claim about {topic}; it may be overstated or inaccurate.',
  'Lead with the main point and shorten the introduction.',
  'Mention a limitation or counter-argument regarding {topic}.',
  'Split the answer into short paragraphs with one idea each.',
  'Support the point on {topic} with a number or a source.',
  'Ask whether the reader needs background on {topic} before going into detail.',
] as const;

/** A numbered list of 2–4 guidance items, built from the prompt's topic words. */
export function generateCritique(random: SeededRandom, topics: readonly string[]): string {
  const count = random.integer(2, 4);
  const start = random.integer(0, critiqueTemplates.length - 1);
  const lines: string[] = [];
  for (let index = 0; index < count; index++) {
    const template = critiqueTemplates[(start + index * 3) % critiqueTemplates.length] as string;
    const topic = topics.length > 0 ? (topics[(start + index) % topics.length] as string) : random.pick(simWords.nouns);
    lines.push(`${index + 1}. ${template.replace('{topic}', topic)}`);
  }
  return lines.join('\n');
}

const reasonsByBand = [
  ['The answer misses the main point and contains unsupported claims.', 'The answer is vague and leaves the question mostly unanswered.'],
  ['The answer is relevant but thin; it needs clearer structure and an example.', 'The answer covers the basics, but some statements about {topic} are imprecise.'],
  ['The answer is clear and accurate, with a good example about {topic}.', 'The answer is well organised and complete; only minor details could be added.'],
] as const;

/** `Score: N` then `Reason: …`, with N deterministic within [minimum, maximum]. */
export function generateJudgement(
  random: SeededRandom,
  topics: readonly string[],
  minimum: number,
  maximum: number,
): string {
  const bell = (random.next() + random.next() + random.next()) / 3;
  const fraction = Math.min(1, 0.3 + 0.7 * bell);
  const integral = Number.isInteger(minimum) && Number.isInteger(maximum);
  const raw = minimum + fraction * (maximum - minimum);
  const score = integral ? Math.round(raw) : Math.round(raw * 10) / 10;
  const band = reasonsByBand[fraction < 0.45 ? 0 : fraction < 0.7 ? 1 : 2] as readonly string[];
  const topic = topics.length > 0 ? random.pick(topics) : 'the topic';
  const reason = random.pick(band).replace('{topic}', topic);
  return `Score: ${score}\nReason: ${reason}`;
}

/**
 * A refined answer: the draft's sentences with a new sentence after the first
 * and one at the end (so it differs and is longer); fresh prose when there is no draft.
 */
export function generateRefinement(random: SeededRandom, topics: readonly string[], draft: string | undefined): string {
  const sentences = draft?.trim().split(/(?<=[.!?])\s+/).filter((sentence) => sentence.length > 0) ?? [];
  if (sentences.length === 0) return generateProse(random, topics, random.integer(70, 150)).text;
  const addition = generateProse(random, topics, 8).text;
  const closing = generateProse(random, topics, 12).text;
  const [first, ...rest] = sentences;
  return [first, addition, ...rest, closing].join(' ');
}
