import type { Command } from 'commander';

/**
 * `tandem serve`: the single-process server on SQLite (the default), or, with TANDEM_DATABASE_URL set to a
 * postgres:// URL, a web node of a cluster whose runs are executed by `tandem worker` processes.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Start the server: one process on SQLite, or a web node of a cluster when TANDEM_DATABASE_URL is a postgres:// URL')
    .option('--port <port>', 'port to listen on (default PORT or 8888)')
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .action(async (options: { port?: string; host?: string }) => {
      if (options.port) process.env.PORT = options.port;
      if (options.host) process.env.HOST = options.host;
      if (process.env.TANDEM_DATABASE_URL) {
        const { runClusterProcess } = await import('@tandem/server/cluster');
        await runClusterProcess('web');
      } else {
        await import('@tandem/server/main');
      }
    });
}
