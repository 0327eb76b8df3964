import { createPgliteStore, DurableRuntime } from '@tongban/adapters';
import { MemoryRuntime } from '@tongban/engine';
import {
  DATABASE_URL,
  postgresFactory,
  postgresLabel,
  type StoreFactory,
  useScratchDatabase,
} from './support/adapters-databases.js';
import { defineCaseRuntimeSuite, type RuntimeUnderTest } from './support/case-runtime-suite.js';

const scratch = useScratchDatabase();

defineCaseRuntimeSuite('MemoryRuntime', async (at) => {
  let now = at;
  return {
    runtime: new MemoryRuntime({ clock: () => now }),
    setNow: (next) => {
      now = next;
    },
    close: async () => {},
  };
});

const durable =
  (factory: StoreFactory) =>
  async (at: number): Promise<RuntimeUnderTest> => {
    let now = at;
    const store = await factory();
    return {
      runtime: new DurableRuntime({ store, clock: () => now }),
      setNow: (next) => {
        now = next;
      },
      close: () => store.close(),
    };
  };

defineCaseRuntimeSuite(
  'DurableRuntime on PGlite',
  durable(() => createPgliteStore()),
);
defineCaseRuntimeSuite(
  DATABASE_URL === undefined ? postgresLabel : 'DurableRuntime on PostgreSQL',
  DATABASE_URL === undefined ? null : durable(postgresFactory(scratch, 2)),
);
