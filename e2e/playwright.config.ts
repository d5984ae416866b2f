import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { testServerEnv } from './fixtures/test-server-env.ts';

// TANDEM_E2E_PORT lets several checkouts run their browser tests side by side.
const port = Number(process.env.TANDEM_E2E_PORT ?? 8931);
const baseURL = `http://127.0.0.1:${port}`;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  // One retry on CI: a spec that passes only on its retry is reported as flaky, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium where it exists; elsewhere Playwright's own browser.
      executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  webServer: {
    command: 'pnpm --filter @tandem/server start',
    cwd: '..',
    env: {
      ...testServerEnv,
      PORT: String(port),
      // A fresh database per test run, so specs never see each other's leftovers from earlier runs.
      TANDEM_DB: path.join(os.tmpdir(), `tandem-e2e-${Date.now()}.db`),
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
