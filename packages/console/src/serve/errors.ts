/** `--dev-login` asked for outside a demo or development run: the server does not start. */
export class DevLoginRefusedError extends Error {
  readonly code = 'DEV_LOGIN_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'DevLoginRefusedError';
  }
}

/** The console's built files are not where the server looks for them. */
export class ConsoleNotBuiltError extends Error {
  readonly code = 'CONSOLE_NOT_BUILT';
  readonly distDir: string;
  constructor(distDir: string) {
    super(
      `The web console is not built (no ${distDir}/index.html). Build it with \`pnpm --filter @tongban/console build\`, or start the server with --no-console.`,
    );
    this.name = 'ConsoleNotBuiltError';
    this.distDir = distDir;
  }
}

/** The designer's built files are not where the server looks for them. */
export class DesignerNotBuiltError extends Error {
  readonly code = 'DESIGNER_NOT_BUILT';
  readonly distDir: string;
  constructor(distDir: string) {
    super(
      `The designer is not built (no ${distDir}/index.html). Build it with \`pnpm --filter @tongban/designer build\`; the console runs without it.`,
    );
    this.name = 'DesignerNotBuiltError';
    this.distDir = distDir;
  }
}
