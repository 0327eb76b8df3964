import { createPgliteStore } from '@tongban/adapters';
import { apiSuite } from './api-suite.js';

apiSuite('PGlite', () => createPgliteStore());
