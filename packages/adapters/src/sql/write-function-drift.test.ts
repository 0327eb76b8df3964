import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const HERE = dirname(fileURLToPath(import.meta.url));
const DRIZZLE = join(HERE, '..', '..', 'drizzle');

/** Whitespace runs count as one space: re-indenting a migration is not drift. */
function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** The statement that defines `name`: from its CREATE to the end of its statement chunk. */
function definition(sql: string, name: string): string | null {
  for (const chunk of sql.split('--> statement-breakpoint')) {
    const at = chunk.indexOf(`CREATE OR REPLACE FUNCTION ${name}(`);
    if (at >= 0) return chunk.slice(at);
  }
  return null;
}

/** Migration tags in the order drizzle applies them. */
function migrationsInOrder(): string[] {
  const journal = JSON.parse(readFileSync(join(DRIZZLE, 'meta', '_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  return [...journal.entries].sort((a, b) => a.idx - b.idx).map((entry) => entry.tag);
}

const CANONICAL = readdirSync(HERE).filter((file) => file.endsWith('.sql'));

describe('the write functions have one canonical source (src/sql/) that the migrations follow', () => {
  it('normalising keeps every word: only whitespace is ignored', () => {
    expect(normalise('RETURN  1;\n  END;')).toBe(normalise('RETURN 1; END;'));
    expect(normalise('RETURN 1;')).not.toBe(normalise('RETURN 0;'));
  });

  it('finds the canonical files', () => {
    expect(CANONICAL).toEqual(expect.arrayContaining(['write-command.sql', 'write-commands.sql']));
  });

  for (const file of CANONICAL) {
    it(`${file} is exactly the function as the newest migration that defines it leaves it`, () => {
      const source = readFileSync(join(HERE, file), 'utf8');
      const name = /CREATE OR REPLACE FUNCTION (\w+)\(/.exec(source)?.[1];
      if (name === undefined) throw new Error(`${file} defines no function`);
      const canonical = definition(source, name);
      // The newest migration wins: a later one may redefine the function (0006 redefines 0005's).
      const newest = migrationsInOrder()
        .reverse()
        .map((tag) => ({ tag, sql: definition(readFileSync(join(DRIZZLE, `${tag}.sql`), 'utf8'), name) }))
        .find((migration) => migration.sql !== null);
      if (newest === undefined || newest.sql === null) throw new Error(`no migration defines ${name}`);
      expect(
        normalise(newest.sql),
        `drizzle/${newest.tag}.sql defines ${name} differently from src/sql/${file}: add a migration with the new text`,
      ).toBe(normalise(canonical ?? ''));
    });
  }
});
