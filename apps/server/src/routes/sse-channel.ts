import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { SecretRedactor } from '@tandem/shared';

/** One open SSE response: text goes out as written (frames are already `id:`/`data:` formatted). */
export interface SseChannel {
  /** Writes SSE text; resolves when the connection can take more. */
  write(text: string): Promise<void>;
  /**
   * Writes SSE text now, without a promise per write; answers false when the client reads slower than
   * the server writes (wait for {@link SseChannel.drained} before sending more).
   */
  send(text: string): boolean;
  /**
   * Writes the last SSE text and ends the response: on a socket the final frames and the end of the body
   * leave in one write. Nothing can be sent afterwards.
   */
  end(text: string): void;
  /** Resolves once the connection can take more (or closed, or ended). */
  drained(): Promise<void>;
  /** True once the client went away (or the stream ended). */
  readonly closed: boolean;
  /** Called once when the client goes away. */
  onClose(listener: () => void): void;
}

const sseHeaders = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-content-type-options': 'nosniff',
};

/**
 * Opens an SSE response and runs `serve` on it. On the Node server the frames go straight to the
 * socket (no web-stream layers between a commit and the client: a run watched by many tabs costs one
 * write per tab); elsewhere (tests through `app.request`) through Hono's `streamSSE`.
 */
export function openSse(c: Context, serve: (channel: SseChannel) => Promise<void>, secrets?: SecretRedactor): Response | Promise<Response> {
  const outgoing = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
  // The response redactor does not see these frames: mask known secrets here (events are masked when written, too).
  if (outgoing) return serveOnSocket(outgoing, serve, secrets);
  return streamSSE(c, async (stream) => {
    const listeners: (() => void)[] = [];
    stream.onAbort(() => listeners.splice(0).forEach((listener) => listener()));
    // Web streams answer each write with a promise: sends are chained, and `drained` waits for the last.
    let written: Promise<unknown> = Promise.resolve();
    await serve({
      write: (text) => (written = written.then(() => stream.write(text))).then(() => undefined),
      send(text) {
        written = written.then(() => stream.write(text));
        return true;
      },
      end(text) {
        written = written.then(() => stream.write(text));
      },
      drained: () => written.then(
        () => undefined,
        () => undefined,
      ),
      get closed() {
        return stream.aborted || stream.closed;
      },
      onClose: (listener) => void listeners.push(listener),
    });
  });
}

function serveOnSocket(outgoing: ServerResponse, serve: (channel: SseChannel) => Promise<void>, secrets: SecretRedactor | undefined): Response {
  // The headers leave with the first frames (one write); a stream with nothing to send yet flushes them alone below.
  outgoing.writeHead(200, sseHeaders);
  let wrote = false;
  let closed = false;
  const listeners: (() => void)[] = [];
  outgoing.on('close', () => {
    closed = true;
    listeners.splice(0).forEach((listener) => listener());
  });
  const masked = (text: string) => (secrets && secrets.size > 0 ? secrets.redactText(text) : text);
  const send = (text: string) => {
    if (closed || outgoing.writableEnded) return true;
    wrote = true;
    return outgoing.write(masked(text));
  };
  // The client reads slower than we write: wait until the socket drains (or closes).
  const drained = () =>
    closed || outgoing.writableEnded || !outgoing.writableNeedDrain
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const done = () => {
            outgoing.off('drain', done);
            outgoing.off('close', done);
            resolve();
          };
          outgoing.on('drain', done);
          outgoing.on('close', done);
        });
  const channel: SseChannel = {
    write: (text) => (send(text) ? Promise.resolve() : drained()),
    send,
    end(text) {
      if (closed || outgoing.writableEnded) return;
      wrote = true;
      outgoing.end(masked(text));
    },
    drained,
    get closed() {
      return closed;
    },
    onClose: (listener) => void (closed ? listener() : listeners.push(listener)),
  };
  void serve(channel)
    .catch((error: unknown) => console.error('A live stream failed', error))
    .finally(() => {
      closed = true;
      if (!outgoing.writableEnded) outgoing.end();
    });
  // `serve` wrote nothing synchronously (no replay): the client gets the headers now, not with the first commit.
  if (!wrote && !outgoing.writableEnded) outgoing.flushHeaders();
  return RESPONSE_ALREADY_SENT;
}
