import { createSecretRedactor } from '@tandem/shared';
import { createTandemServer } from './create-tandem-server.ts';
import { refuseUnprotectedBind } from './access/bind-check.ts';
import { readEnv } from './env.ts';
import { listen } from './http-listener.ts';
import { redactConsole } from './redaction/redact-console.ts';

// Installed first: nothing the server logs, from its first line on, can carry a secret it knows
// (the redactor learns the keys as the providers are configured).
const secrets = createSecretRedactor();
redactConsole(secrets);
const server = createTandemServer(readEnv(), { secrets });
const { settings, context } = server;

const refusal = refuseUnprotectedBind(settings.HOST, (await context.access.state()).accessControl);
if (refusal) {
  console.error(refusal);
  server.close();
  process.exit(1);
}

const resumed = context.runs.resumeInterrupted();
// After the runs: trials whose runs ended while the server was down are recorded, the rest continue.
const resumedExperiments = context.trials.resume();
const initialAccess = await context.access.state();
const setupToken = await context.access.setupToken();
const listener = listen(
  server.app.fetch,
  {
    port: settings.PORT,
    hostname: settings.HOST,
    headersTimeoutMs: settings.TANDEM_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: settings.TANDEM_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: settings.TANDEM_KEEP_ALIVE_TIMEOUT_MS,
  },
  (info) => {
    const shownHost = settings.HOST === '0.0.0.0' || settings.HOST === '::' ? 'localhost' : settings.HOST;
    const base = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${info.port}`;
    console.log(`Tandem Studio is running at ${base} (data: ${settings.TANDEM_DB})`);
    if (resumed.length > 0) console.log(`Resumed ${resumed.length} interrupted run(s)`);
    if (resumedExperiments.length > 0) console.log(`Continued ${resumedExperiments.length} experiment(s)`);
    if (setupToken) console.log(`No account exists yet. Create the owner at ${base}/setup?token=${setupToken}`);
    else if (!initialAccess.accessControl) console.log('Access control is off (loopback, no accounts): create an owner in Settings → Users to require sign-in.');
  },
);

function shutdown() {
  listener.close();
  server.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
