import type { SeededRandom } from './seeded-random.ts';

/**
 * Tasks the simulator cannot do at all: translating, reading live information (weather, news, the
 * time, prices), arithmetic, opening a web page. Like a question of fact, it says so in a sentence
 * or two, naming what was asked, and points to a real model instead of writing a plausible-looking
 * answer that would be wrong.
 */

/** A task the simulator cannot do, with what the prompt named. */
export type UnableTask =
  | { kind: 'translate'; text: string | undefined; language: string | undefined }
  | { kind: 'live'; what: string }
  | { kind: 'arithmetic'; expression: string }
  | { kind: 'browse'; url: string };

const languages = 'english|french|german|spanish|italian|portuguese|dutch|russian|chinese|mandarin|cantonese|japanese|korean|arabic|hindi|turkish|polish|swedish|norwegian|danish|finnish|greek|hebrew|latin|ukrainian|czech|vietnamese|thai|indonesian|swahili|esperanto|catalan|romanian|hungarian|irish|welsh|bengali|urdu|persian';
/** "Translate X (into L)": any language after "translate"; a known one after "How do you say X" or "What is X". */
const translatePattern = /^translate\s+(.+?)(?:\s+(?:in|into|to)\s+([A-Za-z][\w-]*))?$/i;
/** "Translate (this) into L: text". */
const translateIntoPattern = /^translate\s+(?:(?:this|it|the following(?:\s+text)?|the text)\s+)?(?:in|into|to)\s+([A-Za-z][\w-]*)\s*:\s*(.+)$/i;
const sayInPattern = new RegExp(`^(?:how\\s+do\\s+(?:you|i|we)\\s+say|how\\s+would\\s+you\\s+say|what\\s+is|what's)\\s+(.+?)\\s+(?:in|into)\\s+(${languages})$`, 'i');
const quotedPattern = /^["“'‘](.+?)["”'’]$/;
const liveTopics = /\b(?:weather|forecast|news|headlines|stock price|share price|exchange rate|traffic|score)\b/i;
const liveCues = /\b(?:today|tonight|tomorrow|now|currently|current|latest|this\s+(?:week|weekend|morning|afternoon|evening)|weather\s+like)\b/i;
const liveClock = /^(?:what\s+time\s+is\s+it|what'?s\s+the\s+time|what\s+(?:day|date)\s+is\s+(?:it|today)|what'?s\s+(?:the\s+date|today'?s\s+date))\b/i;
const liveAsk = /^(?:what(?:'s|\s+is|\s+are|\s+was)?|how'?s|how\s+is|is\s+it|will\s+it|tell\s+me|give\s+me|check|show\s+me|get)\b/i;
const arithmeticPattern = /^(?:what\s+is|what's|calculate|compute|work\s+out|how\s+much\s+is|solve)\s+(-?[\d.,]+(?:\s*(?:[-+*/×÷^x]|plus|minus|times|divided\s+by)\s*-?[\d.,]+)+)\s*=?$/i;
const urlPattern = /\bhttps?:\/\/[^\s"'<>]+/i;
const browseVerbs = /^(?:summari[sz]e|read|open|visit|browse|check|look\s+at|fetch|tl;?dr|what\s+does|what\s+is\s+on)\b/i;

/** The target language, capitalised; "into French" reads as a language only when it is one. */
function languageOf(word: string | undefined): string | undefined {
  if (word === undefined) return undefined;
  return `${word.charAt(0).toUpperCase()}${word.slice(1).toLowerCase()}`;
}

function readTranslation(ask: string): UnableTask | undefined {
  const into = translateIntoPattern.exec(ask);
  if (into) return { kind: 'translate', text: into[2]!.trim().replace(/^["“'‘](.+?)["”'’]$/, '$1'), language: languageOf(into[1]) };
  const match = translatePattern.exec(ask) ?? sayInPattern.exec(ask);
  if (!match) return undefined;
  const named = match[1]!.trim().replace(/:+$/, '');
  const quoted = quotedPattern.exec(named)?.[1];
  const refersElsewhere = /^(?:this|that|it|the\s+(?:following|text|sentence|paragraph|email|message|word)|(?:the\s+)?(?:text\s+)?(?:below|above))\b/i.test(named);
  const text = quoted ?? (refersElsewhere || named === '' ? undefined : named);
  // "What is recursion in French?" asks for a word; a longer unquoted phrase after "What is" is a question about it.
  if (!/^translate\b/i.test(ask) && quoted === undefined && named.split(/\s+/).length > 4) return undefined;
  return { kind: 'translate', text, language: languageOf(match[2]) };
}

/** The task the simulator cannot do that an ask names, if any. */
export function readUnableTask(ask: string): UnableTask | undefined {
  const text = ask.trim();
  const url = urlPattern.exec(text)?.[0];
  if (url !== undefined && browseVerbs.test(text)) return { kind: 'browse', url: url.replace(/[.,;:!?)]+$/, '') };
  const arithmetic = arithmeticPattern.exec(text);
  if (arithmetic) return { kind: 'arithmetic', expression: arithmetic[1]!.trim() };
  const translation = readTranslation(text);
  if (translation) return translation;
  if (liveClock.test(text)) return { kind: 'live', what: /\btime\b/i.test(text) ? 'time' : 'date' };
  const live = liveTopics.exec(text);
  if (live && liveAsk.test(text) && liveCues.test(text) && text.split(/\s+/).length <= 14) return { kind: 'live', what: live[0].toLowerCase() };
  return undefined;
}

/** The text itself when short, else its first words. */
function shortQuote(text: string): string {
  if (text.length <= 60) return text;
  return `${text.slice(0, 60).replace(/\s+\S*$/, '')}…`;
}

const useARealModel = 'Run the step on a real model (add a provider key in Settings) to get';

/** The honest answer to a task the simulator cannot do. */
export function writeUnableAnswer(task: UnableTask, random: SeededRandom): string {
  const sim = random.pick(["this answer comes from Tandem's built-in simulator", "I'm Tandem's built-in simulator"]);
  switch (task.kind) {
    case 'translate': {
      const what = task.text === undefined ? 'this text' : `“${shortQuote(task.text)}”`;
      const into = task.language === undefined ? '' : ` into ${task.language}`;
      return `I can't translate ${what}${into}: ${sim}, which writes plausible text offline and knows no other languages. ${useARealModel} a real translation.`;
    }
    case 'live':
      return `I can't check the ${task.what}: ${sim}, which runs offline with no live data. ${useARealModel} an answer, or check a live source.`;
    case 'arithmetic':
      return `I can't work out ${task.expression}: ${sim}, which writes plausible text but does no calculations. ${useARealModel} the result, or use a calculator.`;
    case 'browse':
      return `I can't open ${task.url}: ${sim}, which runs offline and reads no web pages. ${useARealModel} an answer, or paste the page's text into the prompt.`;
  }
}

/** A critic's guidance on such an answer: say what can be done instead, and keep it short. */
export function writeUnableCritique(task: UnableTask, draft: string): string {
  const named = task.kind === 'translate' ? task.text : task.kind === 'browse' ? task.url : task.kind === 'arithmetic' ? task.expression : task.what;
  const lines = [
    named !== undefined && !draft.includes(named) ? `Name what was asked ("${named}"), so the reader sees the request was understood.` : undefined,
    'Keep it to one or two sentences: say plainly that this cannot be done here, and how to get it done.',
    'Do not guess at the result: an invented answer is worse than none.',
  ].filter((line): line is string => line !== undefined);
  return lines.slice(0, 2).map((line, index) => `${index + 1}. ${line}`).join('\n');
}

/** The refinement: names what was asked when the guidance says so; the rest asks for what the answer already does. */
export function writeUnableRefinement(draft: string, guidance: string): string {
  const text = draft.trim();
  const quoted = /\bName what was asked \("(.+)"\)/.exec(guidance)?.[1];
  return quoted !== undefined && !text.includes(quoted) ? `${text} (The request was: “${quoted}”.)` : text;
}
