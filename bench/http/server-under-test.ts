import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const serverRoot = fileURLToPath(new URL('../../apps/server', import.meta.url));
/** Kernel clock ticks per second (USER_HZ): 100 on Linux. */
const ticksPerSecond = 100;

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** CPU time a process has used so far (user + system), in ms, from /proc. */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 3; utime and stime are fields 14 and 15 (1-based).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** Write system calls a process has made so far (write, writev, pwrite…: `syscw` of /proc/<pid>/io). */
export function processWriteCalls(pid: number): number {
  return Number(/^syscw: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? Number.NaN);
}

/** A process started for a benchmark, and how to measure and stop it. */
export interface BenchProcess {
  baseUrl: string;
  child: ChildProcess;
  cpuMs(): number;
  /** Write system calls so far (sockets and files alike). */
  writeCalls(): number;
  stop(): Promise<void>;
}

async function waitUntilUp(baseUrl: string, child: ChildProcess, output: () => string, path: string): Promise<void> {
  const deadline = Date.now() + Number(process.env.BENCH_START_TIMEOUT_MS ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}${path}`)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`process did not start:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function track(child: ChildProcess, baseUrl: string): BenchProcess {
  return {
    baseUrl,
    child,
    cpuMs: () => processCpuMs(child.pid!),
    writeCalls: () => processWriteCalls(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Where and how to start a server under test. */
export interface StartOptions {
  /** Another checkout's `apps/server` (an A/B comparison); this checkout's by default. */
  serverRoot?: string;
  /** A fixed loopback port; a free one by default. */
  port?: number;
  /** Extra arguments for node (`--cpu-prof`). */
  nodeArguments?: string[];
}

/** Starts the real Tandem server (its own process, a fresh SQLite file) on a loopback port. */
export async function startTandem(env: Record<string, string>, options: StartOptions = {}): Promise<BenchProcess> {
  const port = String(options.port ?? (await freePort()));
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), '--import', 'tsx', 'src/index.ts'], {
    cwd: options.serverRoot ?? serverRoot,
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-10_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => output, '/healthz');
  return track(child, baseUrl);
}

/** Starts a bare Hono handler answering a chat-completion-shaped JSON body: the floor to compare `/v1` with. */
export async function startBareHono(options: Pick<StartOptions, 'port'> = {}): Promise<BenchProcess> {
  const port = String(options.port ?? (await freePort()));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./bare-hono.ts', import.meta.url))], {
    cwd: serverRoot,
    env: { ...process.env, PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilUp(baseUrl, child, () => output, '/healthz');
  return track(child, baseUrl);
}
