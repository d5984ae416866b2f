import type { LanguageModelV3Prompt, LanguageModelV3StreamPart } from '@ai-sdk/provider';

/** A one-message user prompt (test helper). */
export function userPrompt(text: string, system?: string): LanguageModelV3Prompt {
  const user = { role: 'user' as const, content: [{ type: 'text' as const, text }] };
  return system === undefined ? [user] : [{ role: 'system', content: system }, user];
}

/** Reads a stream to the end, recording each part with the time it arrived (test helper). */
export async function collectStream(
  stream: ReadableStream<LanguageModelV3StreamPart>,
): Promise<{ parts: LanguageModelV3StreamPart[]; times: number[]; text: string }> {
  const parts: LanguageModelV3StreamPart[] = [];
  const times: number[] = [];
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    times.push(performance.now());
    if (value.type === 'text-delta') text += value.delta;
  }
  return { parts, times, text };
}
