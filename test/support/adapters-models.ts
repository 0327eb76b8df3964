// Small process models for the durable-runtime tests, written as the engine's IR and compiled by
// the real compiler (independent of the BPMN importer).
import { type CompiledDefinition, compile, type ProcessModel, type Scope } from '@tongban/engine';
import {
  end,
  gateway,
  task as irTask,
  scope,
  service,
  start,
  timerCatch,
} from '../../packages/engine/test/support/ir.js';

const parallel = (id: string) => gateway(id, 'parallel');
const task = (id: string, department: string, role: 'lead' | 'co') => irTask(id, department, { role });
const wait = (id: string, duration: string) => timerCatch(id, duration);

/** Compiles a scope as a process of its own (no matter), throwing on diagnostics: a test model must compile. */
export function compiled(root: Scope): CompiledDefinition {
  const model: ProcessModel = { id: root.id, name: null, matter: null, root, messages: {} };
  const result = compile(model);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.definition;
}

/** 并联审批: the lead department and two co-handlers review at once; the join opens the decision. */
export function parallelApproval(): CompiledDefinition {
  return compiled(
    scope(
      'parallel_approval',
      [
        start('s'),
        parallel('fork'),
        task('lead_review', '住建局', 'lead'),
        task('fire_review', '消防救援支队', 'co'),
        task('env_review', '生态环境局', 'co'),
        parallel('join'),
        task('decide', '住建局', 'lead'),
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
  );
}

/** A case that waits (a BPMN timer) and then opens one task. */
export function waitThenReview(duration = 'PT1H'): CompiledDefinition {
  return compiled(
    scope(
      'wait_then_review',
      [start('s'), wait('cool_off', duration), task('review', '市场监管局', 'lead'), end('e')],
      [
        ['s', 'cool_off'],
        ['cool_off', 'review'],
        ['review', 'e'],
      ],
    ),
  );
}

/** A service task (a host handler checks the licence), then the decision. */
export function checkThenDecide(): CompiledDefinition {
  const check = service('check_licence', 'checkLicence');
  return compiled(
    scope(
      'check_then_decide',
      [start('s'), check, task('decide', '市场监管局', 'lead'), end('e')],
      [
        ['s', 'check_licence'],
        ['check_licence', 'decide'],
        ['decide', 'e'],
      ],
    ),
  );
}
