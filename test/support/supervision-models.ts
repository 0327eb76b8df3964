// Process models with time limits for the supervision tests, written as the engine's IR.
import {
  type CompiledDefinition,
  compile,
  type MatterInfo,
  type ProcessModel,
  type Scope,
  type TimeLimit,
} from '@tongban/engine';
import { end, gateway, task as irTask, scope, start } from '../../packages/engine/test/support/ir.js';

const days = (amount: number): TimeLimit => ({ amount, unit: 'workingDays' });
const parallel = (id: string) => gateway(id, 'parallel');
const task = (id: string, department: string, role: 'lead' | 'co', limit: number | null) =>
  irTask(id, department, {
    role,
    limit: limit === null ? null : days(limit),
    warning: limit === null ? null : { kind: 'absolute', amount: 1, unit: 'workingDays' },
  });

function compiled(root: Scope, matter: MatterInfo): CompiledDefinition {
  const model: ProcessModel = { id: root.id, name: matter.name, matter, root, messages: {} };
  const result = compile(model);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.definition;
}

const matter = (code: string, name: string, limit: number): MatterInfo => ({
  code,
  name,
  kind: 'promised',
  legalLimit: days(limit * 2),
  promisedLimit: days(limit),
  warning: { kind: 'absolute', amount: 1, unit: 'workingDays' },
  extensionCap: 10,
  calendar: 'CN',
});

/** 并联审批 with deadlines: the lead (3 working days) and two co-handlers (2, none), then a decision (1). */
export function timedParallel(): CompiledDefinition {
  return compiled(
    scope(
      'timed_parallel',
      [
        start('s'),
        parallel('fork'),
        task('lead_review', '住建局', 'lead', 3),
        task('fire_review', '消防救援支队', 'co', 2),
        task('env_review', '生态环境局', 'co', null),
        parallel('join'),
        task('decide', '住建局', 'lead', 1),
        end('e'),
      ],
      [
        ['s', 'fork'],
        ['fork', 'lead_review'],
        ['fork', 'fire_review'],
        ['fork', 'env_review'],
        ['lead_review', 'join'],
        ['fire_review', 'join'],
        ['env_review', 'join'],
        ['join', 'decide'],
        ['decide', 'e'],
      ],
    ),
    matter('M-BUILD', '建筑工程施工许可证核发', 5),
  );
}

/** One department, one step, 2 working days; the case 3. */
export function timedSingle(): CompiledDefinition {
  return compiled(
    scope(
      'timed_single',
      [start('s'), task('review', '市场监管局', 'lead', 2), end('e')],
      [
        ['s', 'review'],
        ['review', 'e'],
      ],
    ),
    matter('M-SHOP', '食品经营许可', 3),
  );
}
