import { defineConfig } from 'drizzle-kit';

/** drizzle-kit configuration: `pnpm --filter @tandem/db generate` writes SQL migrations to `./drizzle`. */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema.ts',
  out: './drizzle',
});
