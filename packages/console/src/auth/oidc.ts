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

/** Finishes a sign-in when the provider has sent the browser back with `?code=&state=`. */
export async function finishOidcSignIn(oidc: Oidc | null): Promise<boolean> {
  const params = new URLSearchParams(location.search);
  if (!oidc || !params.has('code') || !params.has('state')) return false;
  const user = await (await manager(oidc)).signinRedirectCallback();
  session.signIn(user.access_token);
  history.replaceState(null, '', `${location.pathname}#/`);
  returnAfterSignIn();
  return true;
}
