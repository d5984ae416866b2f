import { describe, expect, it } from 'vitest';
import { chatCompletionJson } from './chat-response.ts';

const identity = { id: 'chatcmpl-1', created: 1_700_000_000, model: 'sim:"quoted"' };
const usage = { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 };

describe('the non-streaming answer', () => {
  it('is OpenAI’s chat.completion, text escaped as JSON', () => {
    const text = 'Line one\nand "two" \u2028 with a tab\t';
    expect(JSON.parse(chatCompletionJson(identity, { text, toolCalls: [], finishReason: 'length', usage }))).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'sim:"quoted"',
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'length' }],
      usage,
    });
  });

  it('has null content and the tool calls when the model only called tools', () => {
    const toolCalls = [{ id: 'call_1', type: 'function' as const, function: { name: 'lookup', arguments: '{"q":"x"}' } }];
    const answer = JSON.parse(chatCompletionJson(identity, { text: '', toolCalls, finishReason: 'tool_calls', usage }));
    expect(answer.choices[0]).toEqual({ index: 0, message: { role: 'assistant', content: null, refusal: null, tool_calls: toolCalls }, logprobs: null, finish_reason: 'tool_calls' });
  });

  it('keeps empty text as an empty string when there is no tool call', () => {
    expect(JSON.parse(chatCompletionJson(identity, { text: '', toolCalls: [], finishReason: 'stop', usage })).choices[0].message.content).toBe('');
  });
});
