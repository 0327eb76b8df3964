import {
  DATABASE_URL,
  pgliteFactory,
  postgresFactory,
  postgresLabel,
  useScratchDatabase,
} from './support/adapters-databases.js';
import { defineSupervisionSuite } from './support/supervision-suite.js';

const scratch = useScratchDatabase();

defineSupervisionSuite('supervision on PGlite', pgliteFactory);
defineSupervisionSuite(
  DATABASE_URL === undefined ? `supervision on ${postgresLabel}` : 'supervision on PostgreSQL',
  DATABASE_URL === undefined ? null : postgresFactory(scratch, 4),
);
