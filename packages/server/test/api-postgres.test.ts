import { createPostgresStore } from '@tongban/adapters';
import { describe } from 'vitest';
import { DATABASE_URL, postgresLabel, useScratchDatabase } from '../../../test/support/adapters-databases.js';
import { apiSuite } from './api-suite.js';

const database = useScratchDatabase();
if (DATABASE_URL === undefined) describe.skip(postgresLabel, () => {});
else apiSuite('PostgreSQL', () => createPostgresStore({ connectionString: database().url, max: 8 }));
