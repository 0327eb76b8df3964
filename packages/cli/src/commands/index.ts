import type { Command } from 'commander';

/** Every `tongban` sub-command registers itself here, one file a command. */
export function registerAll(_program: Command): void {}
