/**
 * The server's parts without a listening socket, for the command line: the same database, engine,
 * providers and experiment services as `pnpm start`.
 */
export { createTandemServer } from './create-tandem-server.ts';
export { readEnv } from './env.ts';
export type { ServerEnv } from './env.ts';
export { parseDataset } from './services/dataset-parsing.ts';
export { metricOrder } from './services/experiment-results.ts';
export { resultsCsv } from './services/experiment-export.ts';
