/** The common part of every IR node while its scope is read: flows are added once all are known. */
export interface NodeDraft {
  readonly id: string;
  readonly name: string | null;
  readonly outgoing: string[];
  readonly incoming: string[];
}
