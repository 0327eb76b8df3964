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

/**
 * A condition not evaluated because it would cost more than `CONDITION_LIMITS` allow (e.g.
 * `for i in 1..n` with n = 30,000,000 in the case's variables). Thrown before evaluation starts.
 */
export class ExpressionLimitError extends TongbanError {
  readonly code = 'EXPRESSION_LIMIT';
  /** The expression as written. */
  readonly source: string;

  constructor(source: string, message: string, where: { elementId?: string; caseId?: string } = {}) {
    super(message, where);
    this.source = source;
  }
}
