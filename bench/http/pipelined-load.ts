/**
 * A lean HTTP/1.1 load generator, run in its own process by {@link ./own-process-load.ts}: keep-alive
 * sockets writing one pre-serialised request over and over, `pipelining` of them in flight per socket,
 * and a response reader that only finds where each response ends (status line, Content-Length or chunked
 * end). It does next to nothing per request, so the figure it drives is the server's, not the client's.
 *
 * Argument: the JSON of a {@link PipelinedLoadSpec}. Prints one line: the JSON of a {@link PipelinedLoadResult}.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/** What to send. */
export interface PipelinedLoadSpec {
  url: string;
  method: 'GET' | 'POST';
  body?: unknown;
  amount: number;
  connections: number;
  /** Requests in flight per connection. */
  pipelining: number;
}

/** What the generator measured. */
export interface PipelinedLoadResult {
  requests: number;
  /** Responses that were not 2xx, and sockets that failed. */
  failures: number;
  /** From the first request written to the last response read. */
  wallMs: number;
  /** Written → answered, per request (with pipelining, queueing behind the requests ahead counts). */
  latencyMsP50: number;
  latencyMsP99: number;
  /** CPU the generator used over the load (user + system), ms. */
  cpuMs: number;
}

const headerEnd = Buffer.from('\r\n\r\n');
const chunkedEnd = Buffer.from('\r\n0\r\n\r\n');

function serialise(spec: PipelinedLoadSpec): Buffer {
  const { host, pathname, search } = new URL(spec.url);
  const payload = spec.body === undefined ? '' : JSON.stringify(spec.body);
  const head = [`${spec.method} ${pathname}${search} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
  if (payload) head.push('content-type: application/json', `content-length: ${Buffer.byteLength(payload)}`);
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${payload}`);
}

/** Where the response starting at `buffer[0]` ends and its status, or undefined until it is all there. */
function responseEnd(buffer: Buffer): { end: number; status: number } | undefined {
  const headEnd = buffer.indexOf(headerEnd);
  if (headEnd < 0) return undefined;
  const head = buffer.toString('latin1', 0, headEnd).toLowerCase();
  const status = Number(head.slice(9, 12));
  const length = /\r\ncontent-length: *(\d+)/.exec(head);
  if (length) {
    const end = headEnd + 4 + Number(length[1]);
    return end <= buffer.length ? { end, status } : undefined;
  }
  if (head.includes('transfer-encoding: chunked')) {
    const last = buffer.indexOf(chunkedEnd, headEnd);
    return last < 0 ? undefined : { end: last + chunkedEnd.length, status };
  }
  return { end: headEnd + 4, status };
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Sends `spec.amount` requests and resolves with what came back. */
export function runPipelinedLoad(spec: PipelinedLoadSpec): Promise<PipelinedLoadResult> {
  const request = serialise(spec);
  const { hostname, port } = new URL(spec.url);
  const latencies = new Float64Array(spec.amount);
  let sent = 0;
  let answered = 0;
  let failures = 0;
  /** Requests lost with a failed socket. */
  let lost = 0;
  let finished = false;
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();

  return new Promise((resolve) => {
    const finishWhenAllBack = () => {
      if (finished || answered + lost < spec.amount) return;
      finished = true;
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuAtStart);
      const sorted = latencies.subarray(0, answered).sort();
      resolve({ requests: answered, failures: failures + lost, wallMs, latencyMsP50: quantile(sorted, 0.5), latencyMsP99: quantile(sorted, 0.99), cpuMs: (cpu.user + cpu.system) / 1000 });
    };
    const open = (socket: Socket) => {
      const sentAt: number[] = [];
      let pending: Buffer = Buffer.alloc(0);
      const fill = () => {
        const batch: Buffer[] = [];
        while (sentAt.length < spec.pipelining && sent < spec.amount) {
          batch.push(request);
          sentAt.push(performance.now());
          sent++;
        }
        if (batch.length > 0) socket.write(batch.length === 1 ? batch[0]! : Buffer.concat(batch));
        else if (sentAt.length === 0) socket.end();
      };
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        for (let response = responseEnd(pending); response; response = responseEnd(pending)) {
          pending = pending.subarray(response.end);
          latencies[answered++] = performance.now() - sentAt.shift()!;
          if (response.status < 200 || response.status > 299) failures++;
        }
        fill();
        finishWhenAllBack();
      });
      socket.on('error', () => {
        lost += sentAt.length;
        sentAt.length = 0;
        finishWhenAllBack();
      });
      fill();
    };
    for (let index = 0; index < Math.min(spec.connections, spec.amount); index++) open(connect({ host: hostname, port: Number(port) }));
  });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const result = await runPipelinedLoad(JSON.parse(process.argv[2]!) as PipelinedLoadSpec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}
