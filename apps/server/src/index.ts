import { serve } from '@hono/node-server';
import { createTandemServer } from './create-tandem-server.ts';
import { readEnv } from './env.ts';

const server = createTandemServer(readEnv());
const { settings } = server;
const resumed = server.context.runs.resumeInterrupted();
// After the runs: trials whose runs ended while the server was down are recorded, the rest continue.
const resumedExperiments = server.context.trials.resume();
const listener = serve({ fetch: server.app.fetch, port: settings.PORT, hostname: settings.HOST }, (info) => {
  console.log(`Tandem Studio is running at http://${settings.HOST}:${info.port} (data: ${settings.TANDEM_DB})`);
  if (resumed.length > 0) console.log(`Resumed ${resumed.length} interrupted run(s)`);
  if (resumedExperiments.length > 0) console.log(`Continued ${resumedExperiments.length} experiment(s)`);
  if (settings.HOST !== '127.0.0.1' && settings.HOST !== 'localhost') {
    console.warn(`Listening on ${settings.HOST}: the studio has no login, so anyone who can reach this address can use it.`);
  }
});

function shutdown() {
  listener.close();
  server.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
