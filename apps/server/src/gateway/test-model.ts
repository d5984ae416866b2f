import type { LanguageModelV3 } from '@ai-sdk/provider';

/** One tiny call ("Say OK", one token) read to its end; throws what the model threw, within 15 s. */
export async function testModel(model: LanguageModelV3, timeoutMs = 15_000): Promise<void> {
  const { stream } = await model.doStream({
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'Say OK.' }] }],
    maxOutputTokens: 1,
    abortSignal: AbortSignal.timeout(timeoutMs),
  });
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value.type === 'error') throw value.error;
  }
}
