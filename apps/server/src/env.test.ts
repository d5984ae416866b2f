import { describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';

describe('readEnv', () => {
  it('uses the embedded defaults', () => {
    const env = readEnv({ INIT_CWD: '/srv/tandem' });
    expect(env).toMatchObject({ PORT: 8888, HOST: '127.0.0.1', TANDEM_DB: '/srv/tandem/data/tandem.db', LLM_MODEL: 'sim:writer', COMMUNICATION_ROUNDS: 2, ORCHESTRATION_ENABLED: true });
  });

  it('reads relative paths from where the command was typed', () => {
    expect(readEnv({ INIT_CWD: '/home/me/repo', TANDEM_DB: 'runs.db' }).TANDEM_DB).toBe('/home/me/repo/runs.db');
    expect(readEnv({ TANDEM_DB: '/abs/x.db' }).TANDEM_DB).toBe('/abs/x.db');
  });

  it('names each bad variable', () => {
    expect(() => readEnv({ PORT: 'eighty', COMMUNICATION_ROUNDS: '11' })).toThrow(/PORT[\s\S]*COMMUNICATION_ROUNDS|COMMUNICATION_ROUNDS[\s\S]*PORT/);
  });
});
