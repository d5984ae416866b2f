import type { LanguageModelV3FunctionTool, LanguageModelV3Prompt } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { validateJson } from '@tandem/engine';
import { collectStream, userPrompt } from './__fixtures__/sim-test-helpers.ts';
import { SimLanguageModel } from './sim-language-model.ts';

const weather: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1, maximum: 7 } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
};
const stocks: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'stock_price',
  description: 'Latest price of a stock ticker',
  inputSchema: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] },
};

describe('the simulator with tools', () => {
  it('calls the tool the prompt fits, with arguments valid against its parameters, and finishes with tool-calls', async () => {
    const model = new SimLanguageModel('instant');
    const result = await model.doGenerate({ prompt: userPrompt('What is the weather in Lisbon today?'), tools: [stocks, weather] });
    expect(result.finishReason.unified).toBe('tool-calls');
    const call = result.content.find((part) => part.type === 'tool-call');
    expect(call).toMatchObject({ type: 'tool-call', toolName: 'get_weather' });
    const input = JSON.parse(call!.type === 'tool-call' ? call!.input : '') as unknown;
    expect(validateJson(weather.inputSchema as Record<string, unknown>, input)).toEqual([]);
    expect(input).toMatchObject({ city: expect.any(String), unit: expect.stringMatching(/^(celsius|fahrenheit)$/) });
  });

  it('answers in text when the prompt fits no tool (auto), and calls one when the choice requires it', async () => {
    const model = new SimLanguageModel('instant');
    const prose = await model.doGenerate({ prompt: userPrompt('Explain how tides work.'), tools: [weather] });
    expect(prose.finishReason.unified).toBe('stop');
    expect(prose.content[0]).toMatchObject({ type: 'text' });
    const required = await model.doGenerate({ prompt: userPrompt('Explain how tides work.'), tools: [weather], toolChoice: { type: 'required' } });
    expect(required.content[0]).toMatchObject({ type: 'tool-call', toolName: 'get_weather' });
    const named = await model.doGenerate({ prompt: userPrompt('What is the weather in Oslo?'), tools: [weather, stocks], toolChoice: { type: 'tool', toolName: 'stock_price' } });
    expect(named.content[0]).toMatchObject({ type: 'tool-call', toolName: 'stock_price' });
    const none = await model.doGenerate({ prompt: userPrompt('What is the weather in Oslo?'), tools: [weather], toolChoice: { type: 'none' } });
    expect(none.content[0]).toMatchObject({ type: 'text' });
  });

  it('streams tool input deltas and the whole tool call, after a tool result answers in text naming it', async () => {
    const model = new SimLanguageModel('fast?tps=5000&ttft=5');
    const { parts } = await collectStream((await model.doStream({ prompt: userPrompt('Weather in Rome, please'), tools: [weather] })).stream);
    expect(parts.map((part) => part.type)).toEqual(['stream-start', 'tool-input-start', 'tool-input-delta', 'tool-input-end', 'tool-call', 'finish']);
    const call = parts.find((part) => part.type === 'tool-call')!;
    const followUp: LanguageModelV3Prompt = [
      ...userPrompt('Weather in Rome, please'),
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: call.toolCallId, toolName: 'get_weather', input: JSON.parse(call.input) }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: call.toolCallId, toolName: 'get_weather', output: { type: 'json', value: { temperature: 21 } } }] },
    ];
    const answer = await model.doGenerate({ prompt: followUp, tools: [weather] });
    expect(answer.finishReason.unified).toBe('stop');
    expect(answer.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('get_weather returned {"temperature":21}') });
  });
});

describe('the simulator with stop sequences and seeds', () => {
  it('ends the answer before the first stop sequence it writes', async () => {
    const model = new SimLanguageModel('instant');
    const full = await model.doGenerate({ prompt: userPrompt('Explain how photosynthesis works in plants.') });
    const text = full.content[0]?.type === 'text' ? full.content[0].text : '';
    const word = text.split(' ')[4]!;
    const cut = await model.doGenerate({ prompt: userPrompt('Explain how photosynthesis works in plants.'), stopSequences: ['zzz-never', word] });
    const cutText = cut.content[0]?.type === 'text' ? cut.content[0].text : '';
    expect(cutText).toBe(text.slice(0, text.indexOf(word)));
    expect(cut.finishReason.unified).toBe('stop');
  });

  it('gives the same answer for the same seed and another for another seed', async () => {
    const model = new SimLanguageModel('instant');
    const ask = (seed: number) => model.doGenerate({ prompt: userPrompt('Describe a lighthouse.'), seed, temperature: 1 });
    const [first, again, other] = await Promise.all([ask(7), ask(7), ask(8)]);
    expect(again.content).toEqual(first.content);
    expect(other.content).not.toEqual(first.content);
  });
});
