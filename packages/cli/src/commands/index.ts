import type { Command } from 'commander';
import * as audit from './audit.js';
import * as board from './board.js';
import * as deadline from './deadline.js';
import * as demo from './demo.js';
import * as designer from './designer.js';
import * as exportCommand from './export.js';
import * as migrate from './migrate.js';
import * as serve from './serve.js';
import * as simulate from './simulate.js';
import * as stats from './stats.js';
import * as validate from './validate.js';
import * as workdays from './workdays.js';
import * as worker from './worker.js';

/** Every `tongban` sub-command registers itself here, one file a command. */
export function registerAll(program: Command): void {
  validate.register(program);
  simulate.register(program);
  demo.register(program);
  deadline.register(program);
  workdays.register(program);
  migrate.register(program);
  audit.register(program);
  worker.register(program);
  designer.register(program);
  board.register(program);
  stats.register(program);
  exportCommand.register(program);
  serve.register(program);
}
