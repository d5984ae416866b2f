import type { MiddlewareHandler } from 'hono';
import type { SecretRedactor } from '@tandem/shared';
import { apiAnswerText } from '../middleware/api-headers.ts';

const textual = /^(application\/(json|[\w.+-]+\+json|x-ndjson)|text\/)/i;

/**
 * A text stream with every known secret masked. A secret split across two chunks is still caught:
 * what follows the last line break is held back (at most the longest secret's length) until the
 * next chunk, and SSE messages end in line breaks, so live streams are not delayed.
 */
export function redactTextStream(secrets: SecretRedactor): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let pending = '';
  return new TransformStream({
    transform(chunk, controller) {
      // Mask what is complete, then hold back only a tail that could be the start of a secret
      // (shorter than the longest one); after a line break nothing can be, so SSE flows at once.
      const masked = secrets.redactText(pending + decoder.decode(chunk, { stream: true }));
      const keep = Math.max(masked.lastIndexOf('\n') + 1, masked.length - Math.max(0, secrets.longest - 1));
      pending = masked.slice(keep);
      if (keep > 0) controller.enqueue(encoder.encode(masked.slice(0, keep)));
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(secrets.redactText(pending)));
    },
  });
}

/**
 * Defence in depth for response bodies: JSON, SSE and text answers are masked whenever the server
 * knows a secret. An answer whose whole text is known (built by `apiJsonText`, as the gateway's
 * non-streamed completions are) is masked as that text, and left as it is when nothing had to
 * change; any other passes through {@link redactTextStream}. Errors are made redacted where they
 * start (the provider layer); this catches whatever another path might still carry.
 */
export function redactResponses(secrets: SecretRedactor): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (secrets.size === 0) return;
    // Read before `body`: on the Node server, asking a response for its body builds a web stream.
    const text = apiAnswerText(c.res);
    if (text !== undefined) {
      const masked = secrets.redactText(text);
      if (masked !== text) c.res = new Response(masked, { status: c.res.status, statusText: c.res.statusText, headers: withoutLength(c.res.headers) });
      return;
    }
    if (!c.res.body || !textual.test(c.res.headers.get('content-type') ?? '')) return;
    c.res = new Response(c.res.body.pipeThrough(redactTextStream(secrets)), { status: c.res.status, statusText: c.res.statusText, headers: withoutLength(c.res.headers) });
  };
}

function withoutLength(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete('content-length');
  return copy;
}
