import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import type { LlamaCompletion, LlamaCompletionResponse, LlamaModel } from 'node-llama-cpp';
import { buildGgufPrompt } from './build-gguf-prompt.ts';

/** A loaded model with its single context sequence and a queue that serializes generations on it. */
export interface LoadedGgufModel {
  model: LlamaModel;
  completion: LlamaCompletion;
  /** Runs `task` after every earlier task on this model has settled. */
  runExclusive<Result>(task: () => Promise<Result>): Promise<Result>;
}

interface GenerationResult {
  text: string;
  usage: LanguageModelV3Usage;
  finishReason: LanguageModelV3FinishReason;
}

const defaultMaxOutputTokens = 256;

function mapStopReason(stopReason: LlamaCompletionResponse['metadata']['stopReason']): LanguageModelV3FinishReason {
  switch (stopReason) {
    case 'maxTokens': return { unified: 'length', raw: stopReason };
    case 'abort': return { unified: 'other', raw: stopReason };
    default: return { unified: 'stop', raw: stopReason };
  }
}

/**
 * A local GGUF model (node-llama-cpp) as a LanguageModelV3 (`provider: 'gguf'`).
 * The model has no chat template here: messages are flattened to plain
 * text and completed with `LlamaCompletion`. Generations on one model run
 * one at a time. Temperature 0 (the default) is greedy and deterministic.
 */
export class GgufLanguageModel implements LanguageModelV3 {
  /** LanguageModelV3 spec version. */
  readonly specificationVersion = 'v3';
  /** Always `gguf`. */
  readonly provider = 'gguf';
  /** The configured model name (`gguf:<name>`). */
  readonly modelId: string;
  /** No URL inputs are supported. */
  readonly supportedUrls: Record<string, RegExp[]> = {};
  private readonly load: () => Promise<LoadedGgufModel>;

  /** `load` loads (once) and returns the model; the provider caches it. */
  constructor(modelId: string, load: () => Promise<LoadedGgufModel>) {
    this.modelId = modelId;
    this.load = load;
  }

  private async generate(
    loaded: LoadedGgufModel,
    options: LanguageModelV3CallOptions,
    signal: AbortSignal | undefined,
    onText: (text: string) => void,
  ): Promise<GenerationResult> {
    return loaded.runExclusive(async () => {
      if (signal?.aborted) throw signal.reason;
      const promptText = buildGgufPrompt(options.prompt);
      const inputTokens = loaded.model.tokenize(promptText).length;
      let outputTokens = 0;
      const response = await loaded.completion.generateCompletionWithMeta(promptText, {
        onTextChunk: onText,
        onToken: (tokens) => {
          outputTokens += tokens.length;
        },
        signal,
        maxTokens: options.maxOutputTokens ?? defaultMaxOutputTokens,
        temperature: options.temperature ?? 0,
        topK: options.topK,
        topP: options.topP,
        seed: options.seed,
        customStopTriggers: options.stopSequences?.length ? options.stopSequences : undefined,
      });
      return {
        text: response.response,
        usage: {
          inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
        },
        finishReason: mapStopReason(response.metadata.stopReason),
      };
    });
  }

  /** Completes the prompt and returns the whole text. */
  async doGenerate(options: LanguageModelV3CallOptions): Promise<LanguageModelV3GenerateResult> {
    const loaded = await this.load();
    const result = await this.generate(loaded, options, options.abortSignal, () => undefined);
    return {
      content: result.text === '' ? [] : [{ type: 'text', text: result.text }],
      finishReason: result.finishReason,
      usage: result.usage,
      warnings: [],
    };
  }

  /** Streams `text-delta` parts as llama.cpp produces text. Loading errors reject the call itself. */
  async doStream(options: LanguageModelV3CallOptions): Promise<LanguageModelV3StreamResult> {
    const loaded = await this.load();
    const cancellation = new AbortController();
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, cancellation.signal]) : cancellation.signal;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start: (controller) => {
        controller.enqueue({ type: 'stream-start', warnings: [] });
        let started = false;
        this.generate(loaded, options, signal, (delta) => {
          if (delta === '') return;
          if (!started) controller.enqueue({ type: 'text-start', id: 'text-0' });
          started = true;
          controller.enqueue({ type: 'text-delta', id: 'text-0', delta });
        }).then(
          (result) => {
            if (started) controller.enqueue({ type: 'text-end', id: 'text-0' });
            controller.enqueue({ type: 'finish', finishReason: result.finishReason, usage: result.usage });
            controller.close();
          },
          (error: unknown) => {
            if (!cancellation.signal.aborted) controller.error(error);
          },
        );
      },
      cancel: () => {
        cancellation.abort();
      },
    });
    return { stream };
  }
}
