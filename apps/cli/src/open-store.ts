import { createTandemServer, readEnv } from '@tandem/server/headless';
import { fromWhereTyped } from './paths.ts';

/** The embedded store and engine, as `pnpm start` wires them, over TANDEM_DB (or `--db`). */
export function openStore(db: string | undefined) {
  const env = readEnv({ ...process.env, ...(db ? { TANDEM_DB: fromWhereTyped(db) } : {}) });
  return createTandemServer({ TANDEM_DB: env.TANDEM_DB });
}

export type Store = ReturnType<typeof openStore>;
