/**
 * The server's parts without a listening socket, for the command line: the same database, engine,
 * providers and services as `pnpm start`.
 */
export { createTandemServer } from './create-tandem-server.ts';
export { readEnv } from './env.ts';
export type { ServerEnv } from './env.ts';
