/**
 * Where to go once signed in, when a page of the same server sent the person to the console's
 * sign-in (the designer at `/designer/` does: it shares the console's session rather than signing
 * in a second way). Kept in sessionStorage, like the session itself, so it survives the identity
 * provider's redirect; only a path on this origin is followed.
 */
const KEY = 'tongban.console.return';

/** Goes back to the page that asked for sign-in; false when none did. */
export function returnAfterSignIn(): boolean {
  const path = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  // A path on this server only ("/designer/"), never another origin ("//evil.example").
  if (path === null || !path.startsWith('/') || path.startsWith('//')) return false;
  location.assign(path);
  return true;
}
