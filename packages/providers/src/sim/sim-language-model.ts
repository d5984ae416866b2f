import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3FinishReason,
  type LanguageModelV3GenerateResult,
  type LanguageModelV3StreamPart,
  type LanguageModelV3StreamResult,
  type LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { composeSimAnswer, simAnswerSeed, type SimAnswer } from './compose-sim-answer.ts';
import { tokenizeSimText } from './sim-tokens.ts';
import { createInstantStream } from './instant-stream.ts';
import { abortableSleep, abortReason, createPacedStream, waitForAbort } from './paced-stream.ts';
import { summarizeSimPrompt } from './read-sim-prompt.ts';
import { createSeededRandom, hashNumber, hashString } from './seeded-random.ts';
import { parseSimModelName, type SimSettings } from './sim-settings.ts';

interface PreparedCall {
  answer: SimAnswer;
  usage: LanguageModelV3Usage;
  finishReason: LanguageModelV3FinishReason;
  hang: boolean;
}

/** Answers kept per model instance; generation is pure, so repeated prompts (benchmarks, retries) are served from here. */
const answerCacheSize = 256;

const stopReason: LanguageModelV3FinishReason = { unified: 'stop', raw: 'stop' };
const lengthReason: LanguageModelV3FinishReason = { unified: 'length', raw: 'length' };
const toolCallsReason: LanguageModelV3FinishReason = { unified: 'tool-calls', raw: 'tool_calls' };

function createUsage(inputTokens: number, outputTokens: number): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
  };
}

/**
 * The built-in simulator as a LanguageModelV3 (`provider: 'sim'`). It is
 * deterministic for a prompt, call options and settings; it paces its stream
 * at `tokensPerSecond` after `firstTokenMs`; and it injects faults (retryable
 * 503s, malformed output, hangs) at the configured rates. Faults are rolled
 * from the prompt and a per-instance call counter, so a retry can succeed.
 *
 * @example
 * const model = new SimLanguageModel('writer?tps=40&ttft=600');
 * const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
 */
export class SimLanguageModel implements LanguageModelV3 {
  /** LanguageModelV3 spec version. */
  readonly specificationVersion = 'v3';
  /** Always `sim`. */
  readonly provider = 'sim';
  /** The model name after `sim:`, options included (e.g. `writer?tps=40`). */
  readonly modelId: string;
  /** The simulator accepts no URLs. */
  readonly supportedUrls: Record<string, RegExp[]> = {};
  /** Parsed settings (speed, latency, fault rates, seed). */
  readonly settings: SimSettings;
  private callCount = 0;
  private readonly injectsFaults: boolean;
  private readonly answers = new Map<number, SimAnswer>();

  /** Throws StudioError `MODEL_UNKNOWN` when the name or an option is invalid. */
  constructor(modelName: string, settings: SimSettings = parseSimModelName(modelName)) {
    this.modelId = modelName;
    this.settings = settings;
    this.injectsFaults = settings.errorRate > 0 || settings.invalidRate > 0 || settings.timeoutRate > 0;
  }

  private prepare(options: LanguageModelV3CallOptions): PreparedCall {
    if (options.abortSignal?.aborted) throw abortReason(options.abortSignal);
    const summary = summarizeSimPrompt(options.prompt);
    const callIndex = this.callCount++;
    let malformed = false;
    let hang = false;
    if (this.injectsFaults) {
      const faults = createSeededRandom(hashNumber(callIndex, hashNumber(this.settings.seed, summary.hash)));
      if (faults.next() < this.settings.errorRate) throw this.createInjectedError(callIndex);
      hang = faults.next() < this.settings.timeoutRate;
      malformed = faults.next() < this.settings.invalidRate;
    }
    const answer = malformed ? composeSimAnswer(summary, options, this.settings, true) : this.cachedAnswer(summary, options);
    return {
      answer,
      usage: createUsage(Math.ceil(summary.characterCount / 4), answer.tokenCount),
      finishReason: answer.finishReason === 'length' ? lengthReason : answer.finishReason === 'tool-calls' ? toolCallsReason : stopReason,
      hang,
    };
  }

  /**
   * Looks the answer up by a 32-bit hash of everything it depends on. A hash
   * collision would return another prompt's answer: acceptable for a simulator.
   */
  private cachedAnswer(summary: ReturnType<typeof summarizeSimPrompt>, options: LanguageModelV3CallOptions): SimAnswer {
    let key = hashNumber(options.maxOutputTokens ?? -1, simAnswerSeed(summary, options, this.settings));
    if (options.responseFormat?.type === 'json') key = hashString(JSON.stringify(options.responseFormat.schema ?? null), key);
    if (options.tools?.length || options.stopSequences?.length) key = hashString(JSON.stringify([options.tools, options.toolChoice, options.stopSequences]), key);
    let answer = this.answers.get(key);
    if (answer === undefined) {
      answer = composeSimAnswer(summary, options, this.settings, false);
      if (this.answers.size >= answerCacheSize) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }

  private createInjectedError(callIndex: number): APICallError {
    return new APICallError({
      message: `Simulated failure of sim:${this.modelId} (errorRate=${this.settings.errorRate}): 503 Service Unavailable`,
      url: `sim://${this.settings.name}`,
      requestBodyValues: { callIndex },
      statusCode: 503,
      responseBody: '{"error":{"message":"simulated overload","type":"server_error"}}',
      isRetryable: true,
    });
  }

  private totalMilliseconds(tokenCount: number): number {
    const perToken = this.settings.tokensPerSecond === Number.POSITIVE_INFINITY ? 0 : 1000 / this.settings.tokensPerSecond;
    return this.settings.firstTokenMs + Math.max(0, tokenCount - 1) * perToken;
  }

  /** Waits as long as the stream would take, then answers at once. */
  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const call = this.prepare(options);
    if (call.hang) await waitForAbort(options.abortSignal);
    if (!this.settings.instant) await abortableSleep(this.totalMilliseconds(call.answer.tokenCount), options.abortSignal);
    return {
      content: call.answer.toolCalls
        ? call.answer.toolCalls.map((toolCall) => ({ type: 'tool-call' as const, ...toolCall }))
        : call.answer.text === ''
          ? []
          : [{ type: 'text', text: call.answer.text }],
      finishReason: call.finishReason,
      usage: call.usage,
      warnings: [],
    };
  }

  /**
   * Streams `text-delta` parts paced like a real server. Instant models answer
   * with one delta from a prebuilt part list: no timers, and no ReadableStream
   * construction (see `createInstantStream`).
   */
  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const call = this.prepare(options);
    if (call.answer.toolCalls && !call.hang) return { stream: this.toolCallStream(call, options.abortSignal) };
    if (this.settings.instant && !call.hang) {
      const { text } = call.answer;
      const parts: LanguageModelV3StreamPart[] =
        text === ''
          ? [{ type: 'stream-start', warnings: [] }, { type: 'finish', finishReason: call.finishReason, usage: call.usage }]
          : [
              { type: 'stream-start', warnings: [] },
              { type: 'text-start', id: 'text-0' },
              { type: 'text-delta', id: 'text-0', delta: text },
              { type: 'text-end', id: 'text-0' },
              { type: 'finish', finishReason: call.finishReason, usage: call.usage },
            ];
      return { stream: createInstantStream(parts) };
    }
    const stream = createPacedStream({
      tokens: call.answer.tokenCount === 0 ? [] : tokenizeSimText(call.answer.text),
      usage: call.usage,
      finishReason: call.finishReason,
      tokensPerSecond: this.settings.tokensPerSecond,
      firstTokenMs: this.settings.firstTokenMs,
      signal: options.abortSignal,
      hang: call.hang,
    });
    return { stream };
  }

  /** A tool-call answer: the arguments stream as `tool-input-delta`s, then the whole `tool-call`, after the first-token latency. */
  private toolCallStream(call: PreparedCall, signal: AbortSignal | undefined): ReadableStream<LanguageModelV3StreamPart> {
    const parts: LanguageModelV3StreamPart[] = [{ type: 'stream-start', warnings: [] }];
    for (const toolCall of call.answer.toolCalls ?? []) {
      parts.push({ type: 'tool-input-start', id: toolCall.toolCallId, toolName: toolCall.toolName });
      parts.push({ type: 'tool-input-delta', id: toolCall.toolCallId, delta: toolCall.input });
      parts.push({ type: 'tool-input-end', id: toolCall.toolCallId });
      parts.push({ type: 'tool-call', ...toolCall });
    }
    parts.push({ type: 'finish', finishReason: call.finishReason, usage: call.usage });
    if (this.settings.instant) return createInstantStream(parts);
    const delayMs = this.totalMilliseconds(call.answer.tokenCount);
    return new ReadableStream<LanguageModelV3StreamPart>({
      async start(controller) {
        controller.enqueue(parts[0]!);
        try {
          await abortableSleep(delayMs, signal);
        } catch (error) {
          controller.error(error);
          return;
        }
        for (const part of parts.slice(1)) controller.enqueue(part);
        controller.close();
      },
    });
  }
}
