import type { LanguageModelV3CallOptions, LanguageModelV3FunctionTool } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { StudioError } from '@tandem/shared';
import { SimLanguageModel } from '@tandem/providers';
import { collectCompletion, partsOfGenerateResult, readModelStream, type CompletionPart } from './completion-parts.ts';

const weather: LanguageModelV3FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const ask = (text: string, extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({ prompt: [{ role: 'user', content: [{ type: 'text', text }] }], ...extra });

async function streamedParts(model: SimLanguageModel, options: LanguageModelV3CallOptions): Promise<CompletionPart[]> {
  const parts: CompletionPart[] = [];
  for await (const part of readModelStream((await model.doStream(options)).stream, (error) => new StudioError('PROVIDER_ERROR', String(error)))) parts.push(part);
  return parts;
}

describe('partsOfGenerateResult', () => {
  // Each case: a model and a call whose whole answer must equal its streamed answer once gathered.
  const cases: [string, string, LanguageModelV3CallOptions, string][] = [
    ['text', 'instant', ask('Say something short.'), 'stop'],
    ['text at a paced model', 'writer?tps=0&ttft=0', ask('Write two sentences about tides.'), 'stop'],
    ['cut at max tokens', 'instant', ask('Explain the water cycle in detail.', { maxOutputTokens: 5 }), 'length'],
    ['a tool call', 'instant', ask('What is the weather in Lisbon today?', { tools: [weather] }), 'tool_calls'],
    ['a required tool call', 'instant', ask('Explain how tides work.', { tools: [weather], toolChoice: { type: 'required' } }), 'tool_calls'],
    ['JSON', 'instant', ask('Give the city and country.', { responseFormat: { type: 'json', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }), 'stop'],
  ];

  for (const [name, modelName, options, finishReason] of cases) {
    it(`gives the parts the stream gives, gathered the same (${name})`, async () => {
      const generated = partsOfGenerateResult(await new SimLanguageModel(modelName).doGenerate(options));
      const streamed = await streamedParts(new SimLanguageModel(modelName), options);
      const whole = await collectCompletion(generated);
      expect(whole.finishReason).toBe(finishReason);
      expect(whole.text !== '' || whole.toolCalls.length > 0).toBe(true);
      expect(whole).toEqual(await collectCompletion((async function* () { yield* streamed; })()));
      expect(generated.at(-1)).toEqual(streamed.at(-1));
      expect(generated.filter((part) => part.type !== 'text')).toEqual(streamed.filter((part) => part.type !== 'text'));
    });
  }

  it('numbers several tool calls in order and reads a missing usage as zero', () => {
    const parts = partsOfGenerateResult({
      content: [
        { type: 'reasoning', text: 'thinking' },
        { type: 'tool-call', toolCallId: 'a', toolName: 'get_weather', input: '{"city":"Oslo"}' },
        { type: 'text', text: 'Checking ' },
        { type: 'tool-call', toolCallId: 'b', toolName: 'get_weather', input: '{"city":"Rome"}' },
        { type: 'text', text: 'both.' },
      ],
      finishReason: { unified: 'tool-calls', raw: 'tool_calls' },
      usage: { inputTokens: { total: 7, noCache: undefined, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: undefined, text: undefined, reasoning: undefined } },
      warnings: [],
    });
    expect(parts).toEqual([
      { type: 'text', text: 'Checking both.' },
      { type: 'tool-call-start', index: 0, id: 'a', name: 'get_weather' },
      { type: 'tool-call-arguments', index: 0, arguments: '{"city":"Oslo"}' },
      { type: 'tool-call-start', index: 1, id: 'b', name: 'get_weather' },
      { type: 'tool-call-arguments', index: 1, arguments: '{"city":"Rome"}' },
      { type: 'finish', finishReason: 'tool_calls', usage: { prompt_tokens: 7, completion_tokens: 0, total_tokens: 7 } },
    ]);
  });
});
