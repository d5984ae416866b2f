/**
 * Small English helpers for the simulator's answers: word classes it needs
 * to cut a noun phrase out of a question, pronoun swaps, capitalisation.
 * No dictionary: short closed lists plus suffix rules, good enough to read
 * the kind of prompt people type into a studio.
 */

/** Determiners and possessives that may open a noun phrase. */
export const determiners: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'my', 'your', 'our', 'their', 'his', 'her', 'its', 'this', 'that', 'these', 'those', 'some', 'each', 'every',
]);

/** Words that end a noun phrase: prepositions, conjunctions, auxiliaries, pronouns, question words. */
const phraseBreakers: ReadonlySet<string> = new Set([
  'in', 'on', 'at', 'for', 'with', 'to', 'from', 'by', 'into', 'onto', 'over', 'under', 'about', 'during', 'after', 'before',
  'between', 'through', 'without', 'within', 'across', 'than', 'as', 'like', 'via', 'per', 'up', 'down', 'out', 'off',
  'and', 'or', 'but', 'so', 'because', 'while', 'when', 'where', 'which', 'who', 'whom', 'whose', 'what', 'why', 'how', 'if',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'should',
  'may', 'might', 'must', 'shall', 'has', 'have', 'had', 'not', 'it', 'they', 'we', 'you', 'i', 'he', 'she', 'them', 'us', 'me',
  'there', 'here', 'then', 'also', 'just', 'really', 'very', 'please',
]);

/** Verbs that are rarely nouns: their base form ends a noun phrase ("tandem bicycles need a captain"). */
const verbs: ReadonlySet<string> = new Set([
  'need', 'want', 'make', 'seem', 'become', 'cause', 'let', 'take', 'go', 'come', 'happen', 'depend', 'differ', 'produce',
  'absorb', 'reflect', 'scatter', 'appear', 'allow', 'prevent', 'create', 'contain', 'include', 'require', 'provide', 'mean',
  'explain', 'affect', 'protect', 'reduce', 'increase', 'improve', 'keep', 'get', 'give', 'find', 'send', 'tell', 'say', 'know',
  'think', 'see', 'hear', 'learn', 'stay', 'grow', 'fly', 'rise', 'sink', 'float', 'shine', 'spread', 'win', 'lose', 'buy',
  'sell', 'pay', 'decide', 'follow', 'lead', 'handle', 'manage', 'connect', 'convert', 'feel', 'turn', 'describe', 'compare',
  'arrive', 'love', 'like', 'enjoy', 'hate', 'prefer',
]);

/** Verbs that are often nouns too ("the launch plan", "the build"): only their -s and -ed forms end a noun phrase. */
const nounLikeVerbs: ReadonlySet<string> = new Set([
  'work', 'use', 'look', 'change', 'run', 'move', 'store', 'save', 'start', 'stop', 'fail', 'break', 'process', 'control',
  'guide', 'warn', 'support', 'cost', 'last', 'plan', 'build', 'show', 'hold', 'read', 'write', 'matter', 'speed', 'slow',
  'help', 'burn', 'fall', 'reset', 'fix', 'set', 'cancel', 'delete', 'remove', 'open', 'close', 'return', 'order', 'book',
]);

function isVerb(word: string, baseForm: boolean): boolean {
  return verbs.has(word) || (baseForm && nounLikeVerbs.has(word));
}

/**
 * True for a word read as a verb: a listed verb in its base form, or the
 * -s/-ed form of any listed verb. `baseForm` also accepts the base form of
 * verbs that are often nouns (right after "does the sky …" the next such word is the verb).
 */
export function isVerbLike(word: string, baseForm = false): boolean {
  if (isVerb(word, true) && (baseForm || verbs.has(word))) return true;
  if (word.endsWith('ies') && isVerb(`${word.slice(0, -3)}y`, true)) return true;
  if (word.endsWith('es') && isVerb(word.slice(0, -2), true)) return true;
  if (word.endsWith('s') && isVerb(word.slice(0, -1), true)) return true;
  if (word.endsWith('ed') && (isVerb(word.slice(0, -2), true) || isVerb(word.slice(0, -1), true))) return true;
  return false;
}

/** True for a word that ends a noun phrase (preposition, conjunction, auxiliary, pronoun). */
export function breaksPhrase(word: string): boolean {
  return phraseBreakers.has(word);
}

/** Past participles that do not end in -ed ("seen", "built", "written"). */
const irregularParticiples: ReadonlySet<string> = new Set([
  'seen', 'built', 'written', 'taken', 'given', 'made', 'drawn', 'shown', 'known', 'found', 'held', 'lit', 'left', 'kept', 'told',
  'sold', 'sent', 'spent', 'caught', 'bought', 'brought', 'thought', 'taught', 'worn', 'torn', 'sung', 'hung', 'spun', 'driven',
  'ridden', 'hidden', 'eaten', 'fallen', 'frozen', 'broken', 'chosen', 'spoken', 'stolen', 'woven', 'grown', 'thrown', 'flown',
]);

/**
 * True for a word that reads as a participle after a noun ("a lighthouse seen from the sea", "a
 * letter written by hand"): an irregular participle, or an -ed word of five letters or more (not "-eed").
 */
export function isParticiple(word: string): boolean {
  return irregularParticiples.has(word) || (word.length >= 5 && word.endsWith('ed') && !word.endsWith('eed'));
}

const pronounSwaps: Readonly<Record<string, string>> = {
  i: 'you', me: 'you', my: 'your', mine: 'yours', myself: 'yourself', we: 'you', us: 'you', our: 'your', ours: 'yours',
  am: 'are', "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
};

const firstPerson = /\b(?:i|me|my|mine|myself|we|us|our|ours|am|i'm|i've|i'd|i'll)\b/i;

/** Swaps first-person words for second-person ones: "reset my password" → "reset your password". */
export function swapPronouns(text: string): string {
  if (!firstPerson.test(text)) return text;
  return text.replace(/\b[A-Za-z']+\b/g, (word) => pronounSwaps[word.toLowerCase()] ?? word);
}

const adjectives: ReadonlySet<string> = new Set([
  'blue', 'red', 'green', 'yellow', 'black', 'white', 'grey', 'gray', 'orange', 'purple', 'brown', 'pink', 'dark', 'bright',
  'strong', 'weak', 'small', 'big', 'large', 'tiny', 'huge', 'long', 'short', 'high', 'low', 'fast', 'slow', 'quick', 'good',
  'better', 'best', 'bad', 'worse', 'worst', 'easy', 'hard', 'simple', 'new', 'old', 'young', 'hot', 'cold', 'warm', 'cool',
  'cheap', 'expensive', 'safe', 'secure', 'clear', 'full', 'empty', 'real', 'true', 'false', 'main', 'modern', 'common',
  'different', 'same', 'important', 'possible', 'likely', 'many', 'much', 'more', 'most', 'less', 'least', 'few', 'several',
  'broken', 'damaged', 'missing', 'late', 'wrong', 'lost', 'stuck', 'open', 'closed',
]);

/** True for a word that is most likely an adjective (listed, or an adjective suffix). */
export function isAdjectiveLike(word: string): boolean {
  return adjectives.has(word) || /(?:ful|ous|ive|able|ible|less|ish)$/.test(word);
}

/** Upper-cases the first letter. */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter unless the first word looks like a name or an acronym ("Q3", "SQL", "Ana"). */
export function lowerFirst(text: string, keepCase: ReadonlySet<string> = new Set()): string {
  const first = /^[A-Za-z0-9']+/.exec(text)?.[0] ?? '';
  if (first === '' || keepCase.has(first) || /\d/.test(first) || (first.length > 1 && first === first.toUpperCase())) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Joins words as "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Third person singular of a verb in its base form: "look" → "looks", "fly" → "flies". */
export function thirdPerson(verb: string): string {
  if (/(?:s|sh|ch|x|z|o)$/.test(verb)) return `${verb}es`;
  if (/[^aeiou]y$/.test(verb)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}
