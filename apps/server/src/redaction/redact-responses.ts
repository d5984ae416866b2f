import type { MiddlewareHandler } from 'hono';
import type { SecretRedactor } from '@tandem/shared';

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
      pending += decoder.decode(chunk, { stream: true });
      const lineEnd = pending.lastIndexOf('\n') + 1;
      // Everything up to here is final; an unfinished tail that could still grow into a secret waits.
      const keep = Math.max(lineEnd, pending.length - Math.max(0, secrets.longest - 1));
      const head = secrets.redactText(pending.slice(0, keep));
      pending = pending.slice(keep);
      if (head) controller.enqueue(encoder.encode(head));
    },
    flush(controller) {
      pending += decoder.decode();
      if (pending) controller.enqueue(encoder.encode(secrets.redactText(pending)));
    },
  });
}

/**
 * Defence in depth for response bodies: JSON, SSE and text answers pass through
 * {@link redactTextStream} whenever the server knows a secret. Errors are made redacted where they
 * start (the provider layer); this catches whatever another path might still carry.
 */
export function redactResponses(secrets: SecretRedactor): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (secrets.size === 0 || !c.res.body || !textual.test(c.res.headers.get('content-type') ?? '')) return;
    const headers = new Headers(c.res.headers);
    headers.delete('content-length');
    c.res = new Response(c.res.body.pipeThrough(redactTextStream(secrets)), { status: c.res.status, statusText: c.res.statusText, headers });
  };
}
