import type { ConsoleConfig } from '../api/routes.js';
import { returnAfterSignIn } from './return-to.js';
import { session } from './session.js';

/**
 * Production sign-in: the agency identity provider, OIDC authorization code flow with PKCE through
 * `oidc-client-ts` (loaded only when the server is configured for it). The access token it returns
 * is the bearer token the server verifies against the provider's JWKS.
 */
type Oidc = NonNullable<ConsoleConfig['oidc']>;

async function manager(oidc: Oidc) {
  const { UserManager, WebStorageStateStore } = await import('oidc-client-ts');
  return new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: `${location.origin}${location.pathname}`,
    response_type: 'code',
    scope: oidc.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

export async function startOidcSignIn(oidc: Oidc): Promise<void> {
  await (await manager(oidc)).signinRedirect();
}

let failure: unknown = null;

/** Why the last sign-in did not finish (refused or cancelled at the provider), once, for the page. */
export function takeSignInFailure(): unknown {
  const last = failure;
  failure = null;
  return last;
}

/**
 * Finishes a sign-in when the provider has sent the browser back with `?code=&state=` (or with
 * `?error=&state=` when the person cancelled or the provider refused). The access token must carry
 * the `sub` and `kind` claims the server reads: an opaque token is a configuration error, shown.
 */
export async function finishOidcSignIn(oidc: Oidc | null): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  if (!oidc || !params.has('state') || !(params.has('code') || params.has('error'))) return false;
  let signedIn = false;
  try {
    const user = await (await manager(oidc)).signinRedirectCallback();
    session.signIn(user.access_token);
    signedIn = true;
  } catch (error) {
    failure = error;
  } finally {
    // The code is single-use and the error is shown on the page: neither stays in the address.
    history.replaceState(null, '', `${location.pathname}#/`);
  }
  // Back to the page that asked for sign-in (e.g. the designer), once the address is clean.
  if (signedIn) returnAfterSignIn();
  return signedIn;
}
