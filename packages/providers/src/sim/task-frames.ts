import { capitalize } from './english.ts';
import type { Frame } from './answer-frames.ts';
import type { FrameWords } from './frame-words.ts';

/** Frames of answers that are not explanations: how-tos, support replies, comparisons, lists, poems. */

/** Example sentences for how-to answers. */
export const howToExamples: readonly Frame[] = [
  (w) => (w.action ? `For example, if you ${w.action} from your phone, the steps are the same; only the menu looks different.` : undefined),
  (w) => (w.actionVerb ? `For example, someone who wants to ${w.actionVerb} ${w.subject} before a trip can do it in the app in under two minutes.` : undefined),
];

/** How long a how-to takes and what to have ready, added when a critic asks for it. */
export const howToPreparation: Frame = (w) => (w.action ? `It takes about two minutes; have your sign-in details at hand before you start.` : undefined);

/** How-to openings. */
export const howToOpenings: readonly Frame[] = [
  (w) => (w.action ? `To ${w.action}, follow these steps:` : undefined),
  (w) => (w.action ? `Here is how to ${w.action}:` : undefined),
  (w) => (w.action ? `You can ${w.action} in a few minutes:` : undefined),
];

const changingVerbs: ReadonlySet<string> = new Set(['change', 'reset', 'update', 'edit', 'set', 'switch', 'turn', 'enable', 'disable', 'rename', 'replace', 'move']);
/** The how-to changes something (a password, an address), rather than getting or making something (an invoice). */
const changes = (w: FrameWords) => w.actionVerb === undefined || changingVerbs.has(w.actionVerb.toLowerCase());

/** How-to steps, in the order they are done, each with alternative wordings. */
export const howToSteps: readonly (readonly Frame[])[] = [
  [
    (w) => `Open the page or app where ${w.subject} ${w.is} managed — usually your account settings.`,
    (w) => `Sign in and go to your account settings, where ${w.subject} ${w.is} kept.`,
  ],
  [
    (w) => (w.actionVerb ? `Choose the option to ${w.actionVerb} ${w.it} and follow the prompts to the end.` : undefined),
    (w) => (w.actionVerb ? `Select "${w.actionVerb.charAt(0).toUpperCase()}${w.actionVerb.slice(1)}" next to ${w.subject} and follow the instructions on screen.` : undefined),
  ],
  [
    (w) => (changes(w) ? `Confirm the change: you should see a message that ${w.subject} ${w.has} been updated.` : `Wait for the confirmation on screen before you close the page.`),
    (w) => (changes(w) ? `Check your email: most services send a confirmation as soon as ${w.subject} ${w.has} been changed.` : `When it is done, you will see a confirmation on screen, and most services also send one by email.`),
  ],
  [
    () => 'If it does not work, wait a few minutes and try once more before changing anything else.',
    () => 'If nothing happens, clear your browser cache or try the app instead, then repeat the steps.',
  ],
];

/** A one-sentence how-to answer, for brief prompts. */
export const briefHowTo: Frame = (w) =>
  w.action ? `To ${w.action}, open your account settings, choose the option to ${w.actionVerb} ${w.it} and follow the prompts.` : undefined;

/** A how-to's summary line. */
export const howToSummary: Frame = (w) => (w.action ? `In short, it takes a minute to ${w.action} once you know where to look.` : undefined);

/** Closing line of a how-to. */
export const howToClosings: readonly Frame[] = [
  () => 'If you are still stuck, contact support and say which step failed — that makes it quick to help.',
  howToSummary,
];

/** Openings of a support reply to a reported problem. */
export const problemOpenings: readonly Frame[] = [
  (w) => (w.clause ? `I'm sorry to hear that ${w.clause} — let's get it sorted out.` : undefined),
  (w) => (w.clause ? `Thanks for telling us that ${w.clause}; here is what happens next.` : undefined),
];

/** What happens next, in a support reply. */
export const problemSteps: readonly Frame[] = [
  () => 'Reply with your order or account number and a short description (a photo helps if something is damaged).',
  () => 'We check it on our side and get back to you within one working day.',
  () => 'If the mistake is ours, we fix it or refund you at no cost.',
];

/** A comparison of two things, in order. */
export const compareSentences: readonly Frame[] = [
  (w) => (w.other ? `${capitalize(w.subject)} and ${w.other} solve similar problems, but they make different trade-offs.` : undefined),
  (w) => `${capitalize(w.subject)} is the better fit when simplicity and ${w.keyword ?? 'a small footprint'} matter most.`,
  (w) => (w.other ? `${capitalize(w.other)} shines when you need more control and room to grow, at the cost of extra setup.` : undefined),
  (w) => (w.other ? `In short: start with ${w.subject} if you want something simple, and move to ${w.other} when its strengths start to matter.` : undefined),
];

/** The opening of a recommendation between two things. */
export const recommendOpenings: readonly Frame[] = [
  (w) => (w.other ? `Short answer: ${w.subject}, unless what ${w.other} does well matters more to you.` : `Short answer: yes, in most cases — with one caveat.`),
];

/** List items by what the list is of (benefits, risks, tips). */
export const listItems: Readonly<Record<'benefits' | 'risks' | 'tips', readonly Frame[]>> = {
  benefits: [
    (w) => `It saves time: ${w.core.replace(/^(?:benefits|advantages|pros) of /i, '')} catch problems early, when they are cheapest to fix.`,
    () => 'It makes change safer: you can adjust one part and see at once whether anything else broke.',
    () => 'It documents intent: a reader can see what is expected without digging through every detail.',
  ],
  risks: [
    () => 'It can take more effort than expected at the start, before the benefits show.',
    () => 'It is easy to overdo: past a point, extra work adds cost without adding value.',
    () => 'It needs upkeep: left alone, it slowly drifts out of date.',
  ],
  tips: [
    () => 'Keep it simple: start with one change and make it a habit before adding the next.',
    () => 'Be consistent: small steps every day beat a big effort once in a while.',
    () => 'Check what works: note what changes and keep what helps.',
  ],
};

/** Short poems for "write a haiku / poem about …". */
export const poemLines: readonly Frame[] = [
  (w) => `${capitalize(w.core)} in the morning`,
  (w) => `${capitalize(w.core)} comes back again`,
  () => 'slow and patient, it returns',
  () => 'a quiet hour passes by',
  (w) => `the world waits for ${w.core}`,
  () => 'and everything is still',
];
