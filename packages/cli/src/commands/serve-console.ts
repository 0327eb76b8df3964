import { progressLine } from '../progress.js';
import { UsageError } from '../usage-error.js';
import { WORKSPACE_BUNDLE } from './designer.js';

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
    designer?: string | null;
  }): unknown;
  designerPlugin(options: { distDir: string; oidcAuthority?: string | null }): unknown;
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

/** The plugins `serve` registers, and where the designer is served (null: it is not). */
export interface WebPlugins {
  readonly plugins: unknown[];
  readonly designer: string | null;
}

/**
 * The server plugins that serve the console at `/` and, when it is built, the designer at
 * `/designer/` (same origin, so it shares the console's sign-in), or none (with a line on stderr
 * saying why) when the console is turned off, not installed or not built.
 */
export async function consolePlugins(
  options: ConsoleServeOptions,
  secret: string | null,
  people: readonly Person[],
  diagramFolders: readonly string[],
): Promise<WebPlugins> {
  checkDevLoginFlags(options);
  if (options.devLogin === true && secret === null)
    throw new UsageError('--dev-login mints HS256 tokens: unset TONGBAN_JWKS_URL, or set TONGBAN_JWT_SECRET');
  if (!options.console) return { plugins: [], designer: null };
  let module: ConsoleModule;
  try {
    module = (await import(CONSOLE_PACKAGE)) as ConsoleModule;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    progressLine('tongban serve: @tongban/console is not installed; serving the API only');
    return { plugins: [], designer: null };
  }
  const oidc = oidcFromEnv(process.env);
  const designer = designerPlugin(module, oidc?.authority ?? null);
  try {
    const consoleUi = module.consolePlugin({
      devLogin: options.devLogin === true && secret !== null ? { secret } : null,
      people: options.devLogin === true ? people : [],
      diagrams: module.diagramsFromFolders(diagramFolders),
      oidc,
      designer: designer === null ? null : DESIGNER_PATH,
    });
    return designer === null
      ? { plugins: [consoleUi], designer: null }
      : { plugins: [consoleUi, designer], designer: DESIGNER_PATH };
  } catch (error) {
    if ((error as { code?: string }).code !== 'CONSOLE_NOT_BUILT') throw error;
    progressLine(`tongban serve: ${(error as Error).message}`);
    return { plugins: [], designer: null };
  }
}

const DESIGNER_PATH = '/designer/';

/** The designer's plugin, or null (with a line on stderr) when the designer is not built. */
function designerPlugin(module: ConsoleModule, oidcAuthority: string | null): unknown {
  try {
    return module.designerPlugin({ distDir: WORKSPACE_BUNDLE, oidcAuthority });
  } catch (error) {
    if ((error as { code?: string }).code !== 'DESIGNER_NOT_BUILT') throw error;
    progressLine(`tongban serve: ${(error as Error).message}`);
    return null;
  }
}
