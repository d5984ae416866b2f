import type { Command } from 'commander';

/** `tandem worker`: executes the runs web nodes enqueue on the Postgres named by TANDEM_DATABASE_URL. */
export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Execute queued runs of a cluster (needs TANDEM_DATABASE_URL=postgres://…)')
    .option('-c, --concurrency <n>', 'runs executed at once (default TANDEM_WORKER_CONCURRENCY or 8)')
    .action(async (options: { concurrency?: string }) => {
      if (!process.env.TANDEM_DATABASE_URL) throw new Error('tandem worker needs TANDEM_DATABASE_URL=postgres://… (the database the web nodes use)');
      const { runClusterProcess } = await import('@tandem/server/cluster');
      await runClusterProcess('worker', options.concurrency ? { TANDEM_WORKER_CONCURRENCY: options.concurrency } : {});
    });
}
