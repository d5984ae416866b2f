import { createSecretRedactor } from '@tandem/shared';
import { redactConsole } from '../redaction/redact-console.ts';
import { readClusterEnv } from './cluster-env.ts';
import { startClusterWebNode, startClusterWorker } from './cluster-processes.ts';

/**
 * Runs this process as a web node or a worker of a cluster until SIGINT/SIGTERM (`tandem serve` and
 * `tandem worker` with TANDEM_DATABASE_URL). `overrides` take precedence over the environment.
 */
export async function runClusterProcess(role: 'web' | 'worker', overrides: Record<string, string> = {}): Promise<void> {
  const secrets = createSecretRedactor();
  redactConsole(secrets);
  const env = readClusterEnv({ ...process.env, ...overrides });
  const started = role === 'web' ? await startClusterWebNode(env, { secrets }) : await startClusterWorker(env, { secrets });
  if ('port' in started) console.log(`Tandem web node listening on http://${env.HOST}:${started.port} (Postgres cluster mode)`);
  else console.log(`Tandem worker ${started.workerId} executing up to ${env.TANDEM_WORKER_CONCURRENCY} runs at once`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void started.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
