import { askBoardEarly, askWorklistEarly, consoleConfig } from './api/routes.js';
import { session } from './auth/session.js';
import { routeOf } from './route.js';
import { BOARD_PAGE, WORKLIST_PAGE } from './views/page-sizes.js';

/**
 * Asks for the first screen's rows (the board's first page, or the worklist's) as soon as the
 * console's code starts, before its screens' modules load and before the server's settings arrive:
 * the server's answer and the page's start then overlap instead of following each other. The
 * screen's own first request takes this answer (see `askEarly`). Not when the identity provider has
 * just sent the browser back: the token comes after. The server's settings are asked for first.
 */
export function askForFirstScreen(): void {
  // The settings first: the console cannot start without them, and they take the server no time.
  void consoleConfig();
  const search = new URLSearchParams(location.search);
  if (search.has('state')) return;
  const { screen } = routeOf(location.hash, session.claims());
  if (screen === 'board') askBoardEarly({ limit: BOARD_PAGE, offset: 0 });
  else if (screen === 'worklist') askWorklistEarly({ limit: WORKLIST_PAGE });
}
