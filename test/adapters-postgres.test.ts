import {
  DATABASE_URL,
  postgresFactory,
  postgresLabel,
  useScratchDatabase,
} from './support/adapters-databases.js';
import { defineStoreSuite } from './support/adapters-store-suite.js';

const scratch = useScratchDatabase();

defineStoreSuite(
  DATABASE_URL === undefined ? postgresLabel : 'PostgreSQL store (8 connections)',
  DATABASE_URL === undefined ? null : postgresFactory(scratch, 8),
);
