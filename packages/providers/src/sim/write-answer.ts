import { mentionSentence, proseFramesFor, type Frame, type ProseFrames } from './answer-frames.ts';
import { capitalize } from './english.ts';
import { writeFactAnswer } from './fact-answers.ts';
import { createFrameWords, type FrameWords } from './frame-words.ts';
import { writeSmallTalk } from './small-talk.ts';
import { writeUnableAnswer } from './unable-answers.ts';
import type { PromptTopic } from './prompt-topic.ts';
import type { SeededRandom } from './seeded-random.ts';
import {
  briefHowTo,
  compareSentences,
  howToClosings,
  howToExamples,
  howToOpenings,
  howToSteps,
  listItems,
  poemLines,
  problemOpenings,
  problemSteps,
  recommendOpenings,
} from './task-frames.ts';

/**
 * Fills one frame, starting at a seeded position and skipping frames that
 * need a word the topic lacks or that were used already.
 */
export function pickFrame(frames: readonly Frame[], words: FrameWords, random: SeededRandom, used?: Set<Frame>): string | undefined {
  const start = Math.floor(random.next() * frames.length);
  for (let offset = 0; offset < frames.length; offset++) {
    const frame = frames[(start + offset) % frames.length]!;
    if (used?.has(frame)) continue;
    const sentence = frame(words);
    if (sentence === undefined) continue;
    used?.add(frame);
    return sentence;
  }
  return undefined;
}

function pickSeveral(frames: readonly Frame[], words: FrameWords, random: SeededRandom, count: number): string[] {
  const used = new Set<Frame>();
  const sentences: string[] = [];
  for (let index = 0; index < count; index++) {
    const sentence = pickFrame(frames, words, random, used);
    if (sentence !== undefined) sentences.push(sentence);
  }
  return sentences;
}

/** Frames in their listed order (steps), skipping those that need a missing word. */
function inOrder(frames: readonly Frame[], words: FrameWords, count = frames.length): string[] {
  return frames.map((frame) => frame(words)).filter((sentence): sentence is string => sentence !== undefined).slice(0, count);
}

function numbered(lines: readonly string[]): string {
  return lines.map((line, index) => `${index + 1}. ${line}`).join('\n');
}

function prose(parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' ');
}

function explanation(topic: PromptTopic, words: FrameWords, random: SeededRandom, frames: ProseFrames = proseFramesFor(topic.intent)): string {
  if (topic.brief) return prose([pickFrame(frames.closings, words, random) ?? pickFrame(frames.openings, words, random), pickFrame(frames.body, words, random)]);
  const leading = inOrder(frames.leading, words);
  return prose([
    pickFrame(frames.openings, words, random),
    ...leading,
    ...pickSeveral(frames.body, words, random, leading.length > 0 ? random.integer(1, 2) : random.integer(2, 3)),
    ...topic.mentions.map((term) => mentionSentence(term, words)),
    topic.wantsExample || random.next() < 0.35 ? pickFrame(frames.examples, words, random) : undefined,
    random.next() < 0.35 ? pickFrame(frames.caveats, words, random) : undefined,
    random.next() < 0.6 ? pickFrame(frames.closings, words, random) : undefined,
  ]);
}

function howTo(topic: PromptTopic, words: FrameWords, random: SeededRandom): string {
  if (topic.brief) return briefHowTo(words) ?? explanation(topic, words, random, proseFramesFor('general'));
  const opening = topic.asksPermission && words.action ? `Yes — you can ${words.action} yourself. Here is how:` : pickFrame(howToOpenings, words, random);
  const steps = howToSteps.slice(0, random.integer(3, 4)).flatMap((alternatives) => pickFrame(alternatives, words, random) ?? []);
  const after = prose([
    ...topic.mentions.map((term) => mentionSentence(term, words)),
    topic.wantsExample ? pickFrame(howToExamples, words, random) : undefined,
    random.next() < 0.6 ? pickFrame(howToClosings, words, random) : undefined,
  ]);
  return [opening, numbered(steps), after].filter((part) => part !== undefined && part !== '').join('\n');
}

function written(topic: PromptTopic, words: FrameWords, random: SeededRandom): string {
  switch (topic.form) {
    case 'haiku': return pickSeveral(poemLines, words, random, 3).join('\n');
    case 'poem': case 'limerick': return pickSeveral(poemLines, words, random, 4).join('\n');
    case 'slogan': case 'tagline': case 'tweet': return `${capitalize(words.core)}: simple, reliable, yours.`;
    case 'story': return explanation(topic, words, random, proseFramesFor('general'));
    default:
      return `Hi,\n\n${prose([`I am writing about ${words.subject}.`, pickFrame(proseFramesFor('general').body, words, random), 'Let me know if you have any questions.'])}\n\nBest regards`;
  }
}

function summary(topic: PromptTopic, words: FrameWords): string {
  const points = topic.keywords.slice(0, 3);
  return prose([`In short: the text is about ${points[0] ?? words.core}.`, points.length > 1 ? `Key points: ${points.join(', ')}.` : undefined]);
}

/**
 * Writes a prose answer shaped by what the prompt asks: an explanation, the
 * reasons for a "why", numbered steps for a how-to, a support reply to a
 * reported problem, a comparison, a short poem or message. Sentences come
 * from frames filled with the prompt's own words; the seed picks among them.
 */
export function writeAnswer(topic: PromptTopic, random: SeededRandom): string {
  if (topic.intent === 'fact') return writeFactAnswer(topic.question ?? 'this', random);
  if (topic.smallTalk !== undefined) return writeSmallTalk(topic.smallTalk, random);
  if (topic.unable !== undefined) return writeUnableAnswer(topic.unable, random);
  const words = createFrameWords(topic);
  switch (topic.intent) {
    case 'explain': case 'why': return explanation(topic, words, random);
    case 'howTo': return howTo(topic, words, random);
    case 'problem':
      return [pickFrame(problemOpenings, words, random), numbered(problemSteps.map((frame) => frame(words)!)), 'If anything else is wrong, reply to this message and we will take care of it.'].join('\n');
    case 'compare': return prose(inOrder(compareSentences, words));
    case 'recommend': return prose([pickFrame(recommendOpenings, words, random), ...inOrder(compareSentences, words).slice(1)]);
    case 'list': {
      const kind = /\b(?:benefits|advantages|pros)\b/i.test(words.core) ? 'benefits' : /\b(?:risks|drawbacks|disadvantages|cons)\b/i.test(words.core) ? 'risks' : 'tips';
      return `Here are ${words.subject}:\n${numbered(inOrder(listItems[kind], words))}`;
    }
    case 'summarize': return summary(topic, words);
    case 'write': return written(topic, words, random);
    default: return explanation(topic, words, random);
  }
}
