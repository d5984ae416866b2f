import type { Command } from 'commander';
import { fromWhereTyped } from '../paths.ts';

/**
 * `tandem serve`: the server and the studio, as `pnpm start` runs them (after `pnpm build`), on SQLite. With
 * TANDEM_DATABASE_URL set to a postgres:// URL, a web node of a cluster whose runs `tandem worker` processes execute.
 */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Serve the API and the built studio (the studio is built by `pnpm build`; `npm start` does both); with TANDEM_DATABASE_URL=postgres://… a web node of a cluster')
    .option('-p, --port <port>', 'the port (default: PORT, else 8888)')
    .option('--host <host>', 'the address (default: HOST, else 127.0.0.1)')
    .option('--db <file>', 'the SQLite database (default: TANDEM_DB, else ./data/tandem.db)')
    .action(async (options: { port?: string; host?: string; db?: string }) => {
      if (options.port) process.env.PORT = options.port;
      if (options.host) process.env.HOST = options.host;
      if (options.db) process.env.TANDEM_DB = fromWhereTyped(options.db);
      if (process.env.TANDEM_DATABASE_URL) {
        const { runClusterProcess } = await import('@tandem/server/cluster');
        await runClusterProcess('web');
        return;
      }
      // The server's own entry: it listens, resumes interrupted runs and stops on SIGINT/SIGTERM.
      await import('@tandem/server/serve');
    });
}
