import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PipelinedLoadResult, PipelinedLoadSpec } from './pipelined-load.ts';

/** What {@link loadInOwnProcess} measured: the generator's figures and the CPU its process used. */
export interface OwnProcessLoadResult extends PipelinedLoadResult {
  requestsPerSecond: number;
  /** The load generator's own CPU per request (user + system), ms. */
  clientCpuMsPerRequest: number;
}

const entry = fileURLToPath(new URL('./pipelined-load.ts', import.meta.url));

/**
 * Sends requests from a load generator in a process of its own (raw keep-alive sockets, pipelined), so
 * neither the bench process nor a heavyweight client shares the server's ceiling; resolves with its
 * figures once every request was answered.
 */
export function loadInOwnProcess(spec: Omit<PipelinedLoadSpec, 'connections' | 'pipelining'> & Partial<PipelinedLoadSpec>): Promise<OwnProcessLoadResult> {
  const full: PipelinedLoadSpec = { connections: 16, pipelining: 8, ...spec };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(full)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(`the load generator exited with ${code}: ${output.slice(-2000)}`);
        const result = JSON.parse(output.trim().split('\n').at(-1)!) as PipelinedLoadResult;
        resolve({ ...result, requestsPerSecond: (result.requests * 1000) / result.wallMs, clientCpuMsPerRequest: result.cpuMs / Math.max(1, result.requests) });
      } catch (error) {
        reject(error);
      }
    });
  });
}
