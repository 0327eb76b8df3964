import type { CompiledDefinition } from '../compile/compile.js';
import type { Instant } from '../model/time.js';
import type { CaseContext } from './context.js';
import type { CaseSnapshot } from './snapshot.js';
import type { CaseStatus } from './types.js';

/** Puts times on what the statechart armed: timer due instants, task deadlines, light timers. */
export function scheduleTimes(
  _definition: CompiledDefinition,
  _context: CaseContext,
  base: Pick<CaseSnapshot, 'light' | 'dueAt'>,
  _status: CaseStatus,
  _now: Instant,
): Pick<CaseSnapshot, 'light' | 'dueAt'> {
  return { light: base.light, dueAt: base.dueAt };
}
