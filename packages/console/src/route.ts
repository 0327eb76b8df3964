import type { Claims } from './api/types.js';

/** The console's screens, one per hash route. */
export type Screen = 'query' | 'login' | 'board' | 'cases' | 'stats' | 'worklist' | 'tasks' | 'hall';

export interface Route {
  readonly screen: Screen;
  /** The first and second path parts after the screen (a case id, a task id). */
  readonly first: string;
  readonly second: string;
  /** The part after `?` in the hash (the public query's case number and 查询码). */
  readonly query: URLSearchParams;
}

/**
 * Which screen a hash address shows this person: the public query to anyone, the sign-in page to
 * nobody signed in, and an unknown or empty address the worklist (department staff) or the board.
 */
export function routeOf(hash: string, claims: Claims | null): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]?.split('/').map(decodeURIComponent) ?? [];
  const [named = '', first = '', second = ''] = parts;
  const query = new URLSearchParams(hash.split('?')[1] ?? '');
  const route = (screen: Screen): Route => ({ screen, first, second, query });
  if (named === 'query') return route('query');
  if (!claims || named === 'login') return route('login');
  switch (named) {
    case 'board':
    case 'cases':
    case 'stats':
    case 'worklist':
    case 'tasks':
    case 'hall':
      return route(named);
    default:
      return route(claims.kind === 'staff' || claims.kind === 'officer' ? 'worklist' : 'board');
  }
}
