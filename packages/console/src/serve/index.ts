/**
 * `@tongban/console` on the server side: the Fastify plugin that serves the built console and,
 * in demos, the dev-login role picker. The browser code lives beside it in `src/` and is built by
 * Vite into `dist/`.
 * @packageDocumentation
 */

export { DESIGNER_PATH, type DesignerPluginOptions, designerPlugin } from './designer.js';
export { checkDevLogin, type DevLoginKind, type DevLoginOptions, mintToken } from './dev-login.js';
export { type DiagramSource, diagramsFromFolders } from './diagrams.js';
export { ConsoleNotBuiltError, DesignerNotBuiltError, DevLoginRefusedError } from './errors.js';
export {
  CONSOLE_DIST_DIR,
  type ConsolePluginOptions,
  consolePlugin,
  type DevLoginPerson,
} from './plugin.js';
