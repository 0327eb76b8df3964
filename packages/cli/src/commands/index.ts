import type { Command } from 'commander';
import * as deadline from './deadline.js';
import * as demo from './demo.js';
import * as simulate from './simulate.js';
import * as validate from './validate.js';
import * as workdays from './workdays.js';

/** Every `tongban` sub-command registers itself here, one file a command. */
export function registerAll(program: Command): void {
  validate.register(program);
  simulate.register(program);
  demo.register(program);
  deadline.register(program);
  workdays.register(program);
}
