/** The repository's example matters, bundled into the page at build time. */
const loaders = import.meta.glob<string>('../../../examples/**/*.bpmn', { query: '?raw', import: 'default' });

export interface ExampleEntry {
  /** Path inside `examples/`, e.g. `construction-permit/construction-permit.bpmn`. */
  readonly path: string;
  readonly load: () => Promise<string>;
}

export function bundledExamples(): ExampleEntry[] {
  return Object.entries(loaders)
    .filter(([path]) => !path.includes('/node_modules/'))
    .map(([path, load]) => ({ path: path.replace(/^.*\/examples\//, ''), load }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
