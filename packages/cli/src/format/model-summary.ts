import type { CompiledDefinition } from '@tongban/engine';

/**
 * `ok: file — process X, N tasks, M departments`: what `validate` prints on success, so a newcomer
 * sees the file was read as the process they meant (silence reads like nothing happened).
 * Departments are the fixed ones named on user tasks; a multi-instance task over a case variable
 * adds departments only at run time and is not counted.
 */
export function modelSummary(file: string, definition: CompiledDefinition): string {
  let tasks = 0;
  const departments = new Set<string>();
  for (const node of definition.nodes.values()) {
    if (node.kind !== 'userTask') continue;
    tasks += 1;
    if (node.department !== null) departments.add(node.department);
    for (const department of node.multiInstance?.departments ?? []) departments.add(department);
  }
  const name = definition.model.name === null ? '' : ` (${definition.model.name})`;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `ok: ${file} — process ${definition.processId}${name}, ${plural(tasks, 'task')}, ${plural(departments.size, 'department')}`;
}
