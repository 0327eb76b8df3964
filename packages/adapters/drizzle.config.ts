import { defineConfig } from 'drizzle-kit';

// `pnpm exec drizzle-kit generate` (from packages/adapters) writes a new migration into drizzle/
// after a change to src/schema.ts. The SQL is committed and applied by `migrate()`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema.ts',
  out: './drizzle',
});
