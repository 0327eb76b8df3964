import {
  DATABASE_URL,
  pgliteFactory,
  postgresFactory,
  postgresLabel,
  useScratchDatabase,
} from './support/adapters-databases.js';
import { defineTimeSkippingSuite } from './support/time-skipping-suite.js';

const scratch = useScratchDatabase();

defineTimeSkippingSuite('PGlite store (in memory)', pgliteFactory);
defineTimeSkippingSuite(
  DATABASE_URL === undefined ? postgresLabel : 'PostgreSQL store',
  DATABASE_URL === undefined ? null : postgresFactory(scratch, 2),
);
