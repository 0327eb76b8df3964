import { afterAll, beforeAll } from 'vitest';
import {
  createScratchDatabase,
  DATABASE_URL,
  pgliteFactory,
  postgresFactory,
  postgresLabel,
  type ScratchDatabase,
} from './support/adapters-databases.js';
import { defineSupervisionSuite } from './support/supervision-suite.js';

let scratch: ScratchDatabase | undefined;
beforeAll(async () => {
  if (DATABASE_URL !== undefined) scratch = await createScratchDatabase();
});
afterAll(async () => {
  await scratch?.drop();
});

defineSupervisionSuite('supervision on PGlite', pgliteFactory);
defineSupervisionSuite(
  DATABASE_URL === undefined ? `supervision on ${postgresLabel}` : 'supervision on PostgreSQL',
  DATABASE_URL === undefined
    ? null
    : postgresFactory(() => {
        if (scratch === undefined) throw new Error('scratch database not created');
        return scratch;
      }, 4),
);
