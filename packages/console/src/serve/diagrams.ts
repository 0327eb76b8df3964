import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The BPMN XML the console draws a case's diagram from, by process id. The store keeps the
 * compiled model, not the drawing, so the server is told where the models it runs are drawn: the
 * `.bpmn` files of a folder (the demo's `examples/`), read once.
 */
export type DiagramSource = (processId: string) => Promise<string | null>;

const PROCESS_ID = /<(?:[\w-]+:)?process\b[^>]*?\bid="([^"]+)"/g;

async function* bpmnFiles(path: string, depth = 0): AsyncGenerator<string> {
  if (depth > 4) return;
  for (const entry of await readdir(path, { withFileTypes: true }).catch(() => [])) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) yield* bpmnFiles(full, depth + 1);
    else if (entry.name.endsWith('.bpmn')) yield full;
  }
}

/** Diagrams from every `.bpmn` file under these folders, indexed by the ids of the processes they hold. */
export function diagramsFromFolders(folders: readonly string[]): DiagramSource {
  let index: Promise<Map<string, string>> | null = null;
  const build = async (): Promise<Map<string, string>> => {
    const byProcess = new Map<string, string>();
    for (const folder of folders)
      for await (const file of bpmnFiles(folder)) {
        const xml = await readFile(file, 'utf8');
        for (const match of xml.matchAll(PROCESS_ID)) if (match[1]) byProcess.set(match[1], xml);
      }
    return byProcess;
  };
  return async (processId) => {
    index ??= build();
    return (await index).get(processId) ?? null;
  };
}
