/**
 * Runs the commands of one case one after another in this runtime: the second is stepped on what
 * the first wrote (from the head cache) instead of meeting a version conflict. Other runtimes and
 * processes are still kept apart by the version check.
 */
export class CaseLanes {
  /** The last command in progress per case. */
  readonly #lanes = new Map<string, Promise<unknown>>();

  run<T>(caseId: string, run: () => Promise<T>): Promise<T> {
    const previous = this.#lanes.get(caseId);
    const current = previous === undefined ? run() : previous.then(() => run());
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    this.#lanes.set(caseId, settled);
    void settled.then(() => {
      if (this.#lanes.get(caseId) === settled) this.#lanes.delete(caseId);
    });
    return current;
  }
}
