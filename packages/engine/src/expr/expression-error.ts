import { TongbanError } from '../errors.js';

/** A condition that cannot be parsed or evaluated. */
export class ExpressionError extends TongbanError {
  readonly code = 'BAD_EXPRESSION';
  /** The expression as written. */
  readonly source: string;

  constructor(source: string, message: string, where: { elementId?: string; caseId?: string } = {}) {
    super(message, where);
    this.source = source;
  }
}
