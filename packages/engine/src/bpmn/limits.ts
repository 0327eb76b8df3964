/**
 * Input limits of the importer. Each keeps a hostile or broken file from costing unbounded time or
 * memory, and sits far above any real matter (the largest in our corpus has under 200 flow nodes
 * and 3 levels of subprocess). Exceeding one is a `LIMIT_EXCEEDED` error that names the limit.
 */
export const IMPORT_LIMITS = {
  /** Characters of BPMN XML (the CLI's 16 MiB byte cap, as text). */
  xmlLength: 16 * 1024 * 1024,
  /** Flow nodes in the whole process, subprocesses included. */
  flowNodes: 10_000,
  /** Embedded subprocesses inside one another. */
  subprocessDepth: 32,
} as const;
