import type { Command } from 'commander';
import { registerCommand } from './generic-command.js';
import { registerList } from './list.js';
import { registerEvents, registerShow } from './show-events.js';
import { registerComplete, registerStart } from './start-complete.js';

/** `tongban case …`: run cases on a data directory or a PostgreSQL database. */
export function register(program: Command): void {
  const group = program
    .command('case')
    .description(
      'run cases on a --data-dir or --database-url: start, complete, show, events, list, and any other command',
    );
  registerStart(group);
  registerComplete(group);
  registerShow(group);
  registerEvents(group);
  registerList(group);
  registerCommand(group);
}
