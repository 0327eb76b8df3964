import { BOARD_MAX_LIMIT, type BoardQuery, board } from '../api/routes.js';
import type { BoardCase, LightCounts } from '../api/types.js';
import { type BoardFilters, mergeRows, NO_FILTERS } from './board-model.js';
import { BOARD_PAGE } from './page-sizes.js';

const NO_COUNTS: LightCounts = { red: 0, yellow: 0, green: 0, none: 0 };

/**
 * The board's rows, loaded a page at a time in the server's order (most urgent first), with the
 * server's total and counts by light over every matching open case — never counted from the rows
 * loaded, which are only the first pages. A reload (a filter changed, an event arrived) asks again
 * for as many rows as are shown, so a live update keeps the person's place in a long list.
 */
export class BoardPager {
  rows: BoardCase[] | null = null;
  total = 0;
  counts: Readonly<LightCounts> = NO_COUNTS;
  error: unknown = null;
  /** Answers applied so far (the page shows it as data-generation, for the tests and the bench). */
  generation = 0;
  loadingMore = false;
  #filters: BoardFilters = NO_FILTERS;
  /** Rows asked for: the first page, plus a page for each "more". */
  #wanted = BOARD_PAGE;
  /** Only the latest request's answer is applied: an older one may describe older filters. */
  #latest = 0;
  readonly #changed: (rows: readonly BoardCase[]) => void;

  /** `changed` runs after each answer applied (and after a failure, with the rows kept). */
  constructor(changed: (rows: readonly BoardCase[]) => void) {
    this.#changed = changed;
  }

  get filters(): BoardFilters {
    return this.#filters;
  }

  get hasMore(): boolean {
    return this.rows !== null && this.rows.length < this.total;
  }

  /** New filters: back to the first page. */
  filter(filters: BoardFilters): Promise<void> {
    this.#filters = filters;
    this.#wanted = BOARD_PAGE;
    return this.reload();
  }

  /** Every row shown so far, again (the server's pages are at most {@link BOARD_MAX_LIMIT}). */
  async reload(): Promise<void> {
    const request = ++this.#latest;
    try {
      let rows: BoardCase[] = [];
      let answer = await board(this.#query(0, Math.min(this.#wanted, BOARD_MAX_LIMIT)));
      rows = mergeRows(rows, answer.items);
      while (rows.length < this.#wanted && rows.length < answer.total && answer.items.length > 0) {
        answer = await board(this.#query(rows.length, Math.min(this.#wanted - rows.length, BOARD_MAX_LIMIT)));
        rows = mergeRows(rows, answer.items);
      }
      if (request !== this.#latest) return;
      this.#apply(rows, answer.total, answer.counts);
    } catch (failure) {
      if (request === this.#latest) this.#fail(failure);
    }
  }

  /** The next page, after the rows shown. */
  async more(): Promise<void> {
    if (!this.rows || this.loadingMore) return;
    const request = ++this.#latest;
    const offset = this.rows.length;
    this.#wanted = offset + BOARD_PAGE;
    this.loadingMore = true;
    try {
      const answer = await board(this.#query(offset, BOARD_PAGE));
      if (request !== this.#latest) return;
      this.#apply(mergeRows(this.rows ?? [], answer.items), answer.total, answer.counts);
    } catch (failure) {
      if (request === this.#latest) this.#fail(failure);
    } finally {
      if (request === this.#latest) this.loadingMore = false;
    }
  }

  #query(offset: number, limit: number): BoardQuery {
    const f = this.#filters;
    return {
      limit,
      offset,
      ...(f.region ? { region: f.region } : {}),
      ...(f.matter ? { matter: f.matter } : {}),
      ...(f.department ? { department: f.department } : {}),
      ...(f.light ? { light: f.light } : {}),
    };
  }

  #apply(rows: BoardCase[], total: number, counts: Readonly<LightCounts>): void {
    this.rows = rows;
    // Rows can outnumber the total for a moment when a case closes between two pages.
    this.total = Math.max(total, rows.length);
    this.counts = counts;
    this.error = null;
    this.loadingMore = false;
    this.generation += 1;
    this.#changed(rows);
  }

  #fail(failure: unknown): void {
    this.error = failure;
    this.loadingMore = false;
    this.#changed(this.rows ?? []);
  }
}
