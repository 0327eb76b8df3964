import { afterAll, beforeAll } from 'vitest';
import {
  createScratchDatabase,
  DATABASE_URL,
  postgresFactory,
  postgresLabel,
  type ScratchDatabase,
} from './support/adapters-databases.js';
import { defineStoreSuite } from './support/adapters-store-suite.js';

let scratch: ScratchDatabase | undefined;
beforeAll(async () => {
  if (DATABASE_URL !== undefined) scratch = await createScratchDatabase();
});
afterAll(async () => {
  await scratch?.drop();
});

defineStoreSuite(
  DATABASE_URL === undefined ? postgresLabel : 'PostgreSQL store (8 connections)',
  DATABASE_URL === undefined
    ? null
    : postgresFactory(() => {
        if (scratch === undefined) throw new Error('scratch database not created');
        return scratch;
      }, 8),
);
