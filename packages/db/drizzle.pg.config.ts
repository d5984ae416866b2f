import { defineConfig } from 'drizzle-kit';

/** drizzle-kit configuration of the Postgres schema: `pnpm --filter @tandem/db generate` writes its migrations to `./drizzle-pg`. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/pg/pg-schema.ts',
  out: './drizzle-pg',
});
