import type { CommandOutcome, DurableRuntime } from '@tongban/adapters';

/**
 * Drives one case of a deployed approval (e.g. `parallelApproval()`) from start to end through the
 * durable runtime, approving every task as its department; returns how many commands it took.
 */
export async function runApproval(
  runtime: DurableRuntime,
  definitionHash: string,
  caseId: string,
): Promise<number> {
  let outcome: CommandOutcome = await runtime.start(definitionHash, { type: 'start', caseId });
  let commands = 1;
  for (let open = outcome.openTasks[0]; open !== undefined; open = outcome.openTasks[0]) {
    outcome = await runtime.execute(caseId, {
      type: 'completeTask',
      taskId: open.id,
      department: open.department ?? '',
      outcome: 'approve',
    });
    commands++;
  }
  return commands;
}
