import type { CompiledDefinition } from '../compile/compile.js';
import type { MachineEvent } from '../compile/machine.js';
import type { CaseContext } from '../model/context.js';
import { prepareCompletion } from './commands/completion.js';
import { taskEvent } from './commands/emit.js';

const OPINION = { agree: '逾期未反馈，视为同意', reject: '逾期未办理，自动驳回' } as const;

/**
 * Timeout actions (`tb:timeoutAction`): when a task's own light has just turned red and its element
 * says `agree` (协办部门逾期未反馈视为同意) or `reject`, the task is completed on the department's
 * behalf by the system, with `task.timedOut` before its `task.completed`. Returns the statechart
 * events the completions need; `light` (the default) does nothing beyond the red light.
 */
export function timeoutActions(definition: CompiledDefinition, context: CaseContext): MachineEvent[] {
  const events: MachineEvent[] = [];
  // Only a light that turned red while the task was open: one that opens red (加签 into an overdue
  // stage, a recalled overdue task) gets its department's answer, not an instant deemed one.
  const turnedRed = context.out.filter(
    (e) => e.type === 'light.changed' && e.data?.to === 'red' && e.data.from != null && e.taskId,
  );
  for (const light of turnedRed) {
    const task = light.taskId === undefined ? undefined : context.tasks[light.taskId];
    if (task?.kind !== 'user') continue;
    const node = definition.nodes.get(task.elementId);
    const action = node?.kind === 'userTask' ? (node.timeoutAction ?? 'light') : 'light';
    if (action === 'light') continue;
    context.tasks[task.id] = { ...task, delegatedTo: null };
    taskEvent(context, 'task.timedOut', task, { action, dueAt: task.dueAt ?? null });
    const prepared = prepareCompletion(context, {
      type: 'completeTask',
      taskId: task.id,
      department: task.department ?? '',
      outcome: action === 'agree' ? 'approve' : 'reject',
      opinion: OPINION[action],
      actor: { id: 'system', kind: 'system' },
    });
    if (prepared.ok) events.push(...prepared.events);
  }
  return events;
}
