/**
 * Every error Tongban throws or returns is a {@link TongbanError}: it has a stable machine-readable
 * `code`, a message a person can act on, and, where one applies, the BPMN element id or case id.
 */
export abstract class TongbanError extends Error {
  /** Stable code, safe to switch on and to store. */
  abstract readonly code: string;
  /** The BPMN element this error is about, if any. */
  readonly elementId: string | undefined;
  /** The case (办件) this error is about, if any. */
  readonly caseId: string | undefined;

  constructor(message: string, where: { elementId?: string; caseId?: string } = {}) {
    super(message);
    this.name = new.target.name;
    this.elementId = where.elementId;
    this.caseId = where.caseId;
  }

  /** Plain JSON form, for logs, HTTP answers and the CLI's `--json` output. */
  toJSON(): { name: string; code: string; message: string; elementId?: string; caseId?: string } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.elementId === undefined ? {} : { elementId: this.elementId }),
      ...(this.caseId === undefined ? {} : { caseId: this.caseId }),
    };
  }
}
