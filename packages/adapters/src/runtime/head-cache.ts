import type { TaskRecord } from '@tongban/engine';
import type { CaseSnapshot } from './engine.js';

/** What the runtime knows of a case between commands: the snapshot and the head of its chain. */
export interface CaseHead {
  readonly definitionHash: string;
  readonly snapshot: CaseSnapshot;
  readonly version: number;
  readonly lastSeq: number;
  readonly lastHash: string;
  /** Tasks open in `snapshot`, when known (null after a read: the write then upserts them all). */
  readonly openTasks: readonly TaskRecord[] | null;
}

/**
 * The heads of running cases this runtime wrote last, at most `size` (oldest forgotten first). A
 * remembered case's next command skips the read; a stale head only costs a version conflict.
 */
export class HeadCache {
  readonly #heads = new Map<string, CaseHead>();
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get(caseId: string): CaseHead | undefined {
    return this.#heads.get(caseId);
  }

  forget(caseId: string): void {
    this.#heads.delete(caseId);
  }

  /** Remembers a case after a write; only running cases are kept (others take few commands). */
  remember(caseId: string, head: CaseHead): void {
    this.#heads.delete(caseId);
    if (this.#size === 0 || head.snapshot.status !== 'running') return;
    this.#heads.set(caseId, head);
    if (this.#heads.size > this.#size) {
      const oldest = this.#heads.keys().next();
      if (!oldest.done) this.#heads.delete(oldest.value);
    }
  }
}
