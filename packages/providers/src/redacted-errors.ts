import { APICallError, type LanguageModelV3, type LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { StudioError, type SecretRedactor } from '@tandem/shared';

const abortNames = new Set(['AbortError', 'TimeoutError', 'ResponseAborted']);
// The cause chains the engine's classifier walks are short; deeper links are dropped.
const maxCauseDepth = 5;

function redactHeaders(headers: Record<string, string> | undefined, secrets: SecretRedactor): Record<string, string> | undefined {
  return headers && Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, secrets.redactText(value)]));
}

/**
 * A copy of what a keyed provider threw, with every known secret masked and the parts that may
 * quote a request or response (`responseBody`, `requestBodyValues`, `data`) left out. It keeps the
 * shape the engine's `classifyProviderError` reads — `APICallError` with status, headers and
 * `isRetryable`; `name`, `code` and the cause chain of network errors — so classification is the
 * same and stays in the engine.
 */
export function redactProviderError(error: unknown, secrets: SecretRedactor, depth = 0): unknown {
  if (StudioError.is(error)) {
    return new StudioError(error.code, secrets.redactText(error.message), { ...(error.details !== undefined ? { details: secrets.redactValue(error.details) } : {}) });
  }
  if (!(error instanceof Error)) return typeof error === 'string' ? secrets.redactText(error) : error;
  if (abortNames.has(error.name)) return error;
  const cause = depth < maxCauseDepth && error.cause !== undefined ? redactProviderError(error.cause, secrets, depth + 1) : undefined;
  if (APICallError.isInstance(error)) {
    return new APICallError({
      message: secrets.redactText(error.message),
      url: secrets.redactText(error.url),
      requestBodyValues: undefined,
      ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
      ...(error.responseHeaders ? { responseHeaders: redactHeaders(error.responseHeaders, secrets)! } : {}),
      isRetryable: error.isRetryable,
      ...(cause !== undefined ? { cause } : {}),
    });
  }
  const copy = new Error(secrets.redactText(error.message), cause !== undefined ? { cause } : {});
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

/** A model stream whose `error` parts, and whose failure, carry redacted errors. */
function guardStream(stream: ReadableStream<LanguageModelV3StreamPart>, redact: (error: unknown) => unknown): ReadableStream<LanguageModelV3StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value.type === 'error' ? { ...value, error: redact(value.error) } : value);
      } catch (error) {
        controller.error(redact(error));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Wraps a model of a provider that holds a key, so no error it produces can carry the key:
 * thrown errors, stream `error` parts and stream failures go through {@link redactProviderError}.
 *
 * @example
 * const model = withRedactedErrors(sdkProvider.chatModel('gpt-4o-mini'), secrets);
 */
export function withRedactedErrors(model: LanguageModelV3, secrets: SecretRedactor): LanguageModelV3 {
  const redact = (error: unknown) => redactProviderError(error, secrets);
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    get supportedUrls() {
      return model.supportedUrls;
    },
    async doGenerate(callOptions) {
      try {
        return await model.doGenerate(callOptions);
      } catch (error) {
        throw redact(error);
      }
    },
    async doStream(callOptions) {
      try {
        const result = await model.doStream(callOptions);
        return { ...result, stream: guardStream(result.stream, redact) };
      } catch (error) {
        throw redact(error);
      }
    },
  };
}
