import type { SQL } from 'drizzle-orm';
import type { TongbanStore } from '../store/store.js';

/**
 * How many rows match in all: read from the page's own `count(*) over ()` column, and counted
 * apart only when a page past the end came back empty (it then carries no row to read it from).
 */
export async function pageTotal(
  store: TongbanStore,
  rows: readonly { total: string | number }[],
  offset: number,
  count: SQL,
): Promise<number> {
  const first = rows[0];
  if (first !== undefined) return Number(first.total);
  if (offset === 0) return 0;
  const [counted] = await store.query<{ n: string | number }>(count);
  return Number(counted?.n ?? 0);
}
