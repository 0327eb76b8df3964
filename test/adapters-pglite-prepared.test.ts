import { createPgliteStore } from '@tongban/adapters';
import { expect, it } from 'vitest';

// The embedded store runs prepared statements over PGlite's raw protocol (the command write path):
// rows come back as text with NULLs kept, a statement is prepared once and reused, and errors
// surface with their SQLSTATE so the runtime can tell a duplicate idempotency key from a failure.
it('PGlite prepared statements: text rows, NULLs, reuse, and errors with their SQLSTATE', async () => {
  const store = await createPgliteStore({ migrate: false });
  try {
    await store.prepared('ddl', 'create table t (id int primary key, v text)', []);
    const insert = 'insert into t values ($1::int, $2) returning id, v';
    expect(await store.prepared('ins', insert, ['1', null])).toEqual([['1', null]]);
    expect(await store.prepared('ins', insert, ['2', '办件'])).toEqual([['2', '办件']]);
    await expect(store.prepared('ins', insert, ['2', 'y'])).rejects.toMatchObject({ code: '23505' });
    await expect(store.prepared('bad', 'select nope', [])).rejects.toMatchObject({ code: '42703' });
    expect(await store.prepared('ins', insert, ['3', 'z'])).toEqual([['3', 'z']]);
    // A reply larger than one chunk of PGlite's output comes back whole.
    const many = await store.prepared(
      'many',
      "select i::text, repeat('办', 50) from generate_series(1, 20000) i",
      [],
    );
    expect(many).toHaveLength(20000);
    expect(many[19999]).toEqual(['20000', '办'.repeat(50)]);
  } finally {
    await store.close();
  }
});
