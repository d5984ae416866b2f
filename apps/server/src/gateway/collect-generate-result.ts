import type { LanguageModelV3Content, LanguageModelV3FinishReason, LanguageModelV3GenerateResult, LanguageModelV3StreamResult, LanguageModelV3Usage } from '@ai-sdk/provider';

/** Reads a model stream to its end as the answer `doGenerate` gives (text and tool calls, finish, usage). */
export async function collectGenerateResult(result: LanguageModelV3StreamResult): Promise<LanguageModelV3GenerateResult> {
  const content: LanguageModelV3Content[] = [];
  let text = '';
  let finishReason: LanguageModelV3FinishReason = { unified: 'other', raw: undefined };
  let usage: LanguageModelV3Usage = {
    inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: undefined, text: undefined, reasoning: undefined },
  };
  const reader = result.stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === 'text-delta') text += value.delta;
    else if (value.type === 'tool-call') content.push(value);
    else if (value.type === 'error') throw value.error;
    else if (value.type === 'finish') {
      finishReason = value.finishReason;
      usage = value.usage;
    }
  }
  if (text !== '') content.unshift({ type: 'text', text });
  return { content, finishReason, usage, warnings: [] };
}
