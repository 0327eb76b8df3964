import { progressLine } from '../progress.js';
import { UsageError } from '../usage-error.js';

/**
 * The web console on `tongban serve` (issue 19): the `@tongban/console` plugin for the server,
 * loaded only when serve runs (like `@tongban/server`), and the `--dev-login` guard. Kept apart
 * from serve.ts so the server's command stays about the API.
 */
export interface ConsoleServeOptions {
  /** `--no-console` sets this false. */
  readonly console: boolean;
  readonly devLogin?: boolean;
  readonly demo?: boolean;
}

type Person = { readonly sub: string; readonly kind: string; readonly department?: string };

interface ConsoleModule {
  consolePlugin(options: {
    devLogin?: { secret: string } | null;
    people?: readonly Person[];
    diagrams?: (processId: string) => Promise<string | null>;
    oidc?: { authority: string; clientId: string; scope?: string } | null;
  }): unknown;
  diagramsFromFolders(folders: readonly string[]): (processId: string) => Promise<string | null>;
}

const CONSOLE_PACKAGE = '@tongban/console';

/** Refuses `--dev-login` outside a demo (checked before anything else starts). */
export function checkDevLoginFlags(options: ConsoleServeOptions): void {
  if (options.devLogin !== true) return;
  if (options.demo !== true)
    throw new UsageError(
      '--dev-login lets anyone sign in as anyone: it runs only with --demo (tongban serve --demo --dev-login), never in production',
    );
  if (options.console === false)
    throw new UsageError('--dev-login is the console’s role picker: drop --no-console');
}

/** The identity provider the console signs people in with (OIDC code flow with PKCE), from the environment. */
function oidcFromEnv(env: NodeJS.ProcessEnv): { authority: string; clientId: string; scope?: string } | null {
  const authority = env.TONGBAN_OIDC_AUTHORITY;
  const clientId = env.TONGBAN_OIDC_CLIENT_ID;
  if (!authority || !clientId) return null;
  return { authority, clientId, ...(env.TONGBAN_OIDC_SCOPE ? { scope: env.TONGBAN_OIDC_SCOPE } : {}) };
}

/**
 * The server plugins that serve the console at `/`, or none (with a line on stderr saying why)
 * when the console is turned off, not installed or not built.
 */
export async function consolePlugins(
  options: ConsoleServeOptions,
  secret: string | null,
  people: readonly Person[],
  diagramFolders: readonly string[],
): Promise<unknown[]> {
  checkDevLoginFlags(options);
  if (options.devLogin === true && secret === null)
    throw new UsageError('--dev-login mints HS256 tokens: unset TONGBAN_JWKS_URL, or set TONGBAN_JWT_SECRET');
  if (!options.console) return [];
  let module: ConsoleModule;
  try {
    module = (await import(CONSOLE_PACKAGE)) as ConsoleModule;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    progressLine('tongban serve: @tongban/console is not installed; serving the API only');
    return [];
  }
  try {
    return [
      module.consolePlugin({
        devLogin: options.devLogin === true && secret !== null ? { secret } : null,
        people: options.devLogin === true ? people : [],
        diagrams: module.diagramsFromFolders(diagramFolders),
        oidc: oidcFromEnv(process.env),
      }),
    ];
  } catch (error) {
    if ((error as { code?: string }).code !== 'CONSOLE_NOT_BUILT') throw error;
    progressLine(`tongban serve: ${(error as Error).message}`);
    return [];
  }
}
