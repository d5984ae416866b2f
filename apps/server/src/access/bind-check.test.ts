import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, refuseUnprotectedBind } from './bind-check.ts';

describe('refuseUnprotectedBind', () => {
  it('lets loopback start without access control and nothing else', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'studio.example']) expect(refuseUnprotectedBind(host, false), host).toMatch(/TANDEM_OWNER_EMAIL/);
    expect(refuseUnprotectedBind('0.0.0.0', true)).toBeUndefined();
  });

  it('makes the server exit with the setup instructions when HOST=0.0.0.0 has no access control', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tandem-bind-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, HOST: '0.0.0.0', PORT: '0', TANDEM_DB: join(directory, 'tandem.db'), TANDEM_STUDIO_DIST: join(directory, 'none') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/will not listen on 0\.0\.0\.0 without access control/);
      expect(output).toMatch(/TANDEM_AUTH=required/);
      expect(output).not.toMatch(/is running at/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 30_000);
});
