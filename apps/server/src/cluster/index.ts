export { startClusterWebNode, startClusterWorker } from './cluster-processes.ts';
export type { ClusterProcess } from './cluster-processes.ts';
export { readClusterEnv, clusterEnvSchema } from './cluster-env.ts';
export type { ClusterEnv } from './cluster-env.ts';
export { runClusterProcess } from './run-cluster-process.ts';
