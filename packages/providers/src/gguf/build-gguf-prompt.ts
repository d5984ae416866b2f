import type { LanguageModelV3Prompt } from '@ai-sdk/provider';

/**
 * Flattens a chat prompt into plain text for a base (non-chat) GGUF model:
 * the text of every system, user and assistant message in order, separated
 * by blank lines. Tool calls and files are dropped. A base model continues
 * this text, so a single user message is passed through unchanged.
 */
export function buildGgufPrompt(prompt: LanguageModelV3Prompt): string {
  const blocks: string[] = [];
  for (const message of prompt) {
    if (message.role === 'system') {
      if (message.content.trim() !== '') blocks.push(message.content);
      continue;
    }
    if (message.role === 'tool') continue;
    const text = message.content
      .map((part) => (part.type === 'text' ? part.text : ''))
      .join('');
    if (text.trim() !== '') blocks.push(text);
  }
  return blocks.join('\n\n');
}
