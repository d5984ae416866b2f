import { describe, expect, it } from 'vitest';
import { userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { createSimProvider } from './sim-provider.ts';
import { simJokes } from './small-talk.ts';
import { splitSentences } from './write-critique.ts';

const sim = createSimProvider();

async function ask(prompt: string, modelName = 'instant'): Promise<string> {
  const result = await sim.languageModel(modelName).doGenerate({ prompt: userPrompt(prompt) });
  return result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** What every one of these replies must not do: treat the prompt's words as a topic to explain. */
const explainsThePrompt = /\b(?:is a good place to start|is simpler than it first looks|Here is a short answer about|Most of what|is easier to understand than|Key points:)/;
const saysWhatItIs = /Tandem's built-in simulator/;
const pointsToARealModel = /real model/;

describe('the simulator on a newcomer\'s first prompts', () => {
  it.each([
    ['Hi', /^(?:Hello|Hi there)!/, saysWhatItIs],
    ['Hello', /^(?:Hello|Hi there)!/, saysWhatItIs],
    ['hey there!', /^(?:Hello|Hi there)!/, saysWhatItIs],
    ['Say hello', /^(?:Hello|Hi there)!/, saysWhatItIs],
    ['Please say hello to my friends.', /^(?:Hello|Hi there)!/, saysWhatItIs],
    ['How are you?', /^(?:I'm fine|Doing well)/, saysWhatItIs],
    ['Thanks!', /^(?:You're welcome|Glad to help)!/, /provider key/],
    ['Thank you so much for the help', /^(?:You're welcome|Glad to help)!/, /provider key/],
    ['Who are you?', saysWhatItIs, /provider key/],
    ['Goodbye', /happy building/, /^(?:Goodbye|See you)/],
  ] as const)('answers "%s" with a short friendly reply', async (prompt, opening, content) => {
    const reply = await ask(prompt);
    expect(reply).toMatch(opening);
    expect(reply).toMatch(content);
    expect(reply).not.toMatch(explainsThePrompt);
    // The prompt's own words are not treated as a subject ("Hi is…", "Say hello does…").
    expect(reply).not.toContain(`${prompt.replace(/[.!?]+$/, '')} is`);
    expect(splitSentences(reply).length).toBeLessThanOrEqual(2);
  });

  it.each(['Say something short.', 'Say something', 'Write a short sentence'])('answers "%s" with one short sentence of its own', async (prompt) => {
    const reply = await ask(prompt);
    expect(splitSentences(reply)).toHaveLength(1);
    expect(reply.split(/\s+/).length).toBeLessThanOrEqual(16);
    expect(reply).not.toMatch(/\bsomething\b|\bSay\b/);
    expect(reply).not.toMatch(explainsThePrompt);
  });

  it.each(['Tell me a joke', 'Can you tell me a joke?', 'Hi! Tell me a joke.', 'Tell me a joke about databases', 'Make me laugh'])(
    'answers "%s" with a joke from its list',
    async (prompt) => {
      expect(simJokes).toContain(await ask(prompt));
    },
  );

  it('picks jokes by the seed: the same call tells the same joke, other seeds others', async () => {
    expect(await ask('Tell me a joke', 'writer?tps=0&seed=3')).toBe(await ask('Tell me a joke', 'writer?tps=0&seed=3'));
    const jokes = new Set<string>();
    for (let seed = 0; seed < 20; seed++) jokes.add(await ask('Tell me a joke', `writer?tps=0&seed=${seed}`));
    expect(jokes.size).toBeGreaterThan(2);
  });

  it.each([
    ['What is the capital of France?', '“What is the capital of France?”'],
    ["What's the population of Tokyo?", '“What\'s the population of Tokyo?”'],
    ['What was the date of the first moon landing?', '“What was the date of the first moon landing?”'],
    ['What is the tallest mountain in the world?', '“What is the tallest mountain in the world?”'],
  ])('answers the question of fact "%s" honestly, quoting it', async (prompt, quoted) => {
    const reply = await ask(prompt);
    expect(reply).toContain(quoted);
    expect(reply).toMatch(/simulator/);
    expect(reply).toMatch(/provider key in Settings/);
    expect(reply).not.toMatch(/how it works|depends on the conditions/);
  });

  it.each(['What is a refrigerator?', 'What is the difference between TCP and UDP?', 'What is machine learning?'])('still explains "%s"', async (prompt) => {
    const reply = await ask(prompt);
    expect(reply).not.toMatch(/question of fact|can't look that up|can't (?:translate|check|work out|open)/);
    expect(splitSentences(reply).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["Translate 'good morning' into French", /^I can't translate “good morning” into French: /],
    ['Translate "Wo ist der Bahnhof?" to English', /^I can't translate “Wo ist der Bahnhof\?” into English: /],
    ['How do you say thank you in Spanish?', /^I can't translate “thank you” into Spanish: /],
    ['Translate into German: The meeting is at noon.', /^I can't translate “The meeting is at noon\.?” into German: /],
    ['Translate this', /^I can't translate this text: /],
    ["What's the weather like in Paris today?", /^I can't check the weather: .*no live data/],
    ['What time is it?', /^I can't check the time: /],
    ['What is 17 * 23?', /^I can't work out 17 \* 23: .*calculator/],
    ['Summarize https://example.com/post', /^I can't open https:\/\/example\.com\/post: .*paste the page's text/],
  ])('says plainly it cannot do "%s", in two sentences, and how to get it done', async (prompt, answer) => {
    const reply = await ask(prompt);
    expect(reply).toMatch(answer);
    expect(reply).toMatch(saysWhatItIs);
    expect(reply).toMatch(pointsToARealModel);
    expect(splitSentences(reply)).toHaveLength(2);
  });

  it('reads a summary request without a text as a brief explanation of its topic, and summarizes a text it is given', async () => {
    const topical = await ask('Summarize the benefits of remote work');
    expect(topical).toMatch(/the benefits of remote work are\b/i);
    expect(topical).not.toMatch(/the text is about|Key points/);
    expect(splitSentences(topical).length).toBeLessThanOrEqual(3);
    const given = await ask('Summarize this: The team met on Monday and agreed to ship the release on Friday after the final tests pass.');
    expect(given).toMatch(/^In short: the text is about Monday\./);
  });

  it('keeps the head noun of a description whose noun phrase runs into a participle', async () => {
    const reply = await ask('A lighthouse seen from the sea at dusk');
    expect(reply).toMatch(/lighthouse/);
    expect(reply).not.toMatch(/lighthouse seen\b|\bseen is\b/i);
  });

  it('still answers the question that follows a greeting', async () => {
    expect(await ask('Hello, how do I reset my password?')).toMatch(/^(?:To reset your password|Here is how to reset your password|You can reset your password)/);
    expect(await ask('Hi! Why is the sky blue?')).not.toMatch(/simulator/);
  });
});
