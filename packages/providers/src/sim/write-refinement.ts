import { keywordSentence, proseFramesFor, type Frame, type ProseFrames } from './answer-frames.ts';
import { capitalize } from './english.ts';
import { writeFactRefinement } from './fact-answers.ts';
import { writeSmallTalkRefinement } from './small-talk.ts';
import { writeUnableRefinement } from './unable-answers.ts';
import { createFrameWords, type FrameWords } from './frame-words.ts';
import { readPromptTopic, type PromptTopic } from './prompt-topic.ts';
import type { SeededRandom } from './seeded-random.ts';
import { howToExamples, howToPreparation, howToSummary } from './task-frames.ts';
import { classifyGuidance, concretely, draftHas, splitSentences } from './write-critique.ts';
import { pickFrame, writeAnswer } from './write-answer.ts';

/** Sentences that close an answer; additions go before them. */
const closingPattern = /^(?:In short|In summary|To sum up|If you are still stuck|If anything else is wrong)\b/;

/** The draft as editable units: prose sentences and numbered lines, joined back as they came. */
class Draft {
  constructor(readonly units: string[]) {}

  static read(text: string): Draft {
    return new Draft(splitSentences(text));
  }

  /** Index before the closing sentences (where additions go). */
  private bodyEnd(): number {
    let end = this.units.length;
    while (end > 1 && closingPattern.test(this.units[end - 1]!)) end--;
    return end;
  }

  insertAfterFirst(sentence: string): void {
    const firstProse = this.units.findIndex((unit) => !/^\d+\.\s/.test(unit));
    this.units.splice(firstProse === -1 ? 0 : firstProse + 1, 0, sentence);
  }

  insertBeforeClosing(sentence: string): void {
    this.units.splice(this.bodyEnd(), 0, sentence);
  }

  append(sentence: string): void {
    this.units.push(sentence);
  }

  replace(index: number, sentence: string): void {
    this.units[index] = sentence;
  }

  numberSteps(): void {
    const first = this.units.findIndex((unit) => !closingPattern.test(unit));
    const end = this.bodyEnd();
    for (let index = first + 1, step = 1; index < end; index++, step++) this.units[index] = `${step}. ${this.units[index]!}`;
  }

  toString(): string {
    return this.units.reduce((text, unit, index) => {
      if (index === 0) return unit;
      const line = /^\d+\.\s/.test(unit) || /^\d+\.\s/.test(this.units[index - 1]!);
      return `${text}${line ? '\n' : ' '}${unit}`;
    }, '');
  }
}

/** The first frame that fills in: frames are listed best first (a summary that restates the question's own claim). */
function firstFilled(frames: readonly Frame[], words: FrameWords): string | undefined {
  for (const frame of frames) {
    const sentence = frame(words);
    if (sentence !== undefined) return sentence;
  }
  return undefined;
}

/** The guidance's items: its lines without numbers or bullets. */
function guidanceItems(guidance: string): string[] {
  return guidance
    .split('\n')
    .map((line) => line.replace(/^\s*(?:\d+[.)]|[-*•])\s*/, '').trim())
    .filter((line) => line.length > 0);
}

function sharpen(sentence: string, words: FrameWords): string {
  const its = words.it === 'it' ? 'its' : 'their';
  const detail = sentence.includes('The details vary')
    ? `the order of the steps stays fixed, while the amounts and the timing change with each case`
    : sentence.includes('each part has one job')
      ? `one part takes in what is needed, one does the work, and one passes the result on`
      : sentence.includes('is not magic')
        ? `it is the direct result of a few simple rules, applied the same way every time`
        : words.keyword
          ? `first ${words.keyword} comes in, then ${words.mention} ${words.verb('do')} ${its} one job, and the result is handed on`
          : `first the input is checked, then ${words.mention} ${words.verb('do')} the main work, and finally the result is handed on`;
  return `${sentence.replace(/[.!?]+$/, '')} ${concretely} ${detail}.`;
}

/** A sentence for guidance the simulator has no rule for: it takes the item's own words in. */
function addressItem(item: string, words: FrameWords): string {
  const topic = readPromptTopic(item);
  const focus = topic.keywords[0] ?? topic.core;
  return `It is also worth covering ${focus}: it affects how ${words.mention} ${words.verb('work')} in practice.`;
}

function applyItem(draft: Draft, item: string, topic: PromptTopic, words: FrameWords, random: SeededRandom): void {
  const text = draft.toString();
  const frames: ProseFrames = proseFramesFor(topic.intent);
  switch (classifyGuidance(item)) {
    case 'vague': {
      const quote = /"([^"]+?)…?"/.exec(item)?.[1];
      const index = quote === undefined ? -1 : draft.units.findIndex((unit) => unit.replace(/^\d+\.\s+/, '').startsWith(quote));
      if (index >= 0) draft.replace(index, sharpen(draft.units[index]!, words));
      else draft.insertBeforeClosing(addressItem(item, words));
      return;
    }
    case 'keyword': {
      const term = /"([^"]+)"/.exec(item)?.[1] ?? readPromptTopic(item).keywords[0] ?? words.core;
      draft.insertBeforeClosing(keywordSentence(term, words));
      return;
    }
    case 'definition':
      if (!draftHas.definition.test(text)) draft.insertAfterFirst(firstFilled(frames.definitions, words) ?? pickFrame(frames.definitions, words, random)!);
      return;
    case 'example': {
      const examples = topic.intent === 'howTo' ? howToExamples : frames.examples;
      const unused = examples.filter((frame) => { const sentence = frame(words); return sentence !== undefined && !text.includes(sentence); });
      draft.insertBeforeClosing(pickFrame(unused.length > 0 ? unused : examples, words, random) ?? pickFrame(frames.examples, words, random)!);
      return;
    }
    case 'caveat':
      draft.insertBeforeClosing(pickFrame(frames.caveats, words, random)!);
      return;
    case 'summary': {
      // A summary that restates the question's own claim reads best; a how-to closes on the action.
      draft.append(firstFilled(topic.intent === 'howTo' ? [howToSummary] : frames.closings, words) ?? pickFrame(frames.closings, words, random)!);
      return;
    }
    case 'practice':
      draft.insertBeforeClosing(frames.practice(words)!);
      return;
    case 'preparation':
      draft.units.unshift(howToPreparation(words) ?? 'It takes about two minutes.');
      return;
    case 'steps':
      if (!draftHas.steps.test(text)) draft.numberSteps();
      return;
    case 'support':
      if (!draftHas.support.test(text)) draft.append('If the steps do not work, contact support and say which step failed; they can do it for you.');
      else draft.insertBeforeClosing(addressItem(item, words));
      return;
    case 'tie': {
      const example = draft.units.findIndex((unit) => draftHas.example.test(unit));
      const point = words.clause ? `That is the point: ${words.clause}.` : `That is the point: ${words.mention} ${words.verb('do')} one job, and does it the same way every time.`;
      if (example >= 0) draft.units.splice(example + 1, 0, point);
      else draft.insertBeforeClosing(point);
      return;
    }
    case 'common-problem': {
      const last = draft.units.findLastIndex((unit) => /^\d+\.\s/.test(unit));
      const line = 'The most common problem is an old link or code: always use the newest one you received.';
      if (last >= 0) draft.units.splice(last + 1, 0, `${Number(/^(\d+)/.exec(draft.units[last]!)![1]) + 1}. ${line}`);
      else draft.insertBeforeClosing(line);
      return;
    }
    case 'phone':
      draft.insertBeforeClosing(`On a phone, the same option is in the app under Settings, then Account.`);
      return;
    case 'replacement':
      draft.insertBeforeClosing('If you prefer, we can send a replacement instead of a refund — just say which in your reply.');
      return;
    case 'return':
      draft.insertBeforeClosing(`You can send ${words.subject} back with the prepaid label we email you; the return costs you nothing.`);
      return;
    case 'thanks':
      draft.append('Thank you for letting us know, and sorry again for the trouble.');
      return;
    case 'reach':
      draft.insertBeforeClosing(`If it is urgent, call us and we will sort out ${words.subject} on the phone.`);
      return;
    case 'direct':
      draft.units.unshift(words.clause ? `${capitalize(words.clause)}.` : `${capitalize(words.subject)} comes down to one idea.`);
      return;
    default:
      draft.insertBeforeClosing(addressItem(item, words));
  }
}

/**
 * Refines a draft by taking each guidance item in: a definition after the
 * opening, an example or a caveat before the closing, a quoted vague
 * sentence made concrete, a missing keyword brought in, a summary at the
 * end. The rest of the draft stays as it was, so the change between rounds
 * reads as the guidance. Without a draft it writes a fresh answer.
 */
export function writeRefinement(topic: PromptTopic, draft: string | undefined, guidance: string, random: SeededRandom): string {
  if (draft === undefined || draft.trim() === '') return writeAnswer(topic, random);
  if (topic.intent === 'fact') return writeFactRefinement(draft, guidance);
  if (topic.smallTalk !== undefined) return writeSmallTalkRefinement(draft, guidance);
  if (topic.unable !== undefined) return writeUnableRefinement(draft, guidance);
  const words = createFrameWords(topic);
  const refined = Draft.read(draft.trim());
  for (const item of guidanceItems(guidance)) applyItem(refined, item, topic, words, random);
  return refined.toString();
}
