import type { ScaleOutReport } from './scale-out.ts';

/** The "Scale-out" section of docs/benchmarks.md. */
export function renderScaleOut(scale: ScaleOutReport): string {
  const base = scale.throughput[0]?.runsPerSecond ?? 1;
  const rows = scale.throughput
    .map((row) => `| ${row.workers} | ${row.runsPerSecond.toFixed(0)} | ${(row.runsPerSecond / base).toFixed(2)}× | ${row.workerCpuShare.toFixed(2)} | ${row.webCpuShare.toFixed(2)} | ${row.postgresCpuShare.toFixed(2)} | ${row.machineBusyCores.toFixed(2)} |`)
    .join('\n');
  return `
## Scale-out (Postgres, web node + workers)

Written by the same command when a Postgres is configured (\`BENCH_DATABASE_URL\` or \`TANDEM_TEST_DATABASE_URL\`),
or alone with \`BENCH_ONLY=scale-out pnpm bench\` (bench/scale-out.ts). Run: ${scale.date}; load average
${scale.loadAverage.toFixed(2)} on ${scale.cores} cores. One web node process and N worker processes
(\`TANDEM_WORKER_CONCURRENCY=${scale.concurrencyPerWorker}\` each) on one local Postgres, a fresh database per row;
${scale.runsPerMeasure} runs of a two-step pipeline on the instant simulator, posted 32 at a time to
\`POST /api/runs\`, timed until the last one completed (after 50 warm-up runs). The runs cost CPU only, so this
is the cluster's own overhead: HTTP, the queue, leases, the event log and its notifications.

| Workers | Runs/s | vs 1 worker | Workers' CPU (cores) | Web node's CPU | Postgres CPU | Machine busy (cores) |
|---:|---:|---:|---:|---:|---:|---:|
${rows}

On ${scale.cores} cores the web node, Postgres, the client and the workers share the same CPUs ("machine busy"
counts them all, and other work on the machine): the curve flattens as soon as they fill them (docs/scale-out.md).
Latency from a worker's event to a browser streaming the run from another web node (\`event.ts\` to arrival, same clock; 5 ms batching, commit, NOTIFY, one indexed read):
median ${scale.latencyMs.median} ms, p95 ${scale.latencyMs.p95} ms over ${scale.latencyMs.events} live events.
`;
}
