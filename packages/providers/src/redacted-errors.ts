import type { LanguageModelV3, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { StudioError, type SecretRedactor } from '@tandem/shared';
import { mapProviderError, type ProviderErrorContext } from './openai-compatible/openai-compatible-error.ts';

/**
 * Turns anything a keyed provider throws into a StudioError (`mapProviderError`) whose message and
 * details have every known secret masked. The original error is not kept as `cause`: an upstream
 * that echoes the key puts it in the message, the response body and the parsed data of the AI
 * SDK's error. A cause with the masked message, the error name and the status stands in for it.
 */
export function normaliseProviderError(error: unknown, context: ProviderErrorContext, secrets: SecretRedactor): StudioError {
  const mapped = mapProviderError(error, context);
  const original = error instanceof Error ? error : undefined;
  const cause = original ? Object.assign(new Error(secrets.redactText(original.message)), { name: original.name, statusCode: (original as { statusCode?: unknown }).statusCode }) : undefined;
  return new StudioError(mapped.code, secrets.redactText(mapped.message), {
    ...(mapped.details !== undefined ? { details: secrets.redactValue(mapped.details) } : {}),
    ...(cause ? { cause } : {}),
  });
}

/** A model stream whose `error` parts, and whose failure, carry normalised, redacted errors. */
function guardStream(stream: ReadableStream<LanguageModelV3StreamPart>, normalise: (error: unknown) => StudioError): ReadableStream<LanguageModelV3StreamPart> {
  const reader = stream.getReader();
  return new ReadableStream<LanguageModelV3StreamPart>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value.type === 'error' ? { ...value, error: normalise(value.error) } : value);
      } catch (error) {
        controller.error(normalise(error));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Wraps a model of a provider that holds a key, so no error it produces can carry the key:
 * thrown errors, stream `error` parts and stream failures all become redacted StudioErrors.
 *
 * @example
 * const model = withRedactedErrors(sdkProvider.chatModel('gpt-4o-mini'), { provider: 'openai', secrets });
 */
export function withRedactedErrors(model: LanguageModelV3, options: { provider: string; secrets: SecretRedactor }): LanguageModelV3 {
  const context: ProviderErrorContext = { provider: options.provider, model: model.modelId };
  const normalise = (error: unknown) => normaliseProviderError(error, context, options.secrets);
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
        throw normalise(error);
      }
    },
    async doStream(callOptions) {
      try {
        const result = await model.doStream(callOptions);
        return { ...result, stream: guardStream(result.stream, normalise) };
      } catch (error) {
        throw normalise(error);
      }
    },
  };
}
