import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../testing/server-process.ts';

const serverRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** A web node or worker started as its own process (`tsx src/cluster/main.ts`). */
export interface StartedClusterProcess {
  child: ChildProcess;
  output(): string;
  /** The web node's base URL. */
  baseUrl?: string;
  /** The worker's id in leases. */
  workerId?: string;
}

/** Starts a process of the cluster and waits until it serves (web: /healthz answers; worker: it announced itself). */
export async function startClusterProcess(role: 'web' | 'worker', env: Record<string, string>): Promise<StartedClusterProcess> {
  const port = role === 'web' ? String(await freePort()) : '0';
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cluster/main.ts', role], {
    cwd: serverRoot,
    env: { ...process.env, ...env, PORT: port, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`${role} exited early:\n${output}`);
    if (role === 'worker') {
      const workerId = /Tandem worker (\S+) executing/.exec(output)?.[1];
      if (workerId) return { child, output: () => output, workerId };
    } else {
      try {
        if ((await fetch(`${baseUrl}/healthz`)).ok) return { child, output: () => output, baseUrl };
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) throw new Error(`${role} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Stops a process with SIGTERM (graceful) and waits for it. */
export function stopGracefully(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
