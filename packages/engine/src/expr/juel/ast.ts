/** The JUEL subset Tongban translates: comparisons and boolean logic over literals and variables. */
export type JuelNode =
  | { readonly kind: 'or' | 'and'; readonly left: JuelNode; readonly right: JuelNode }
  | { readonly kind: 'not'; readonly operand: JuelNode }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: JuelNode;
      readonly right: JuelNode;
    }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'path'; readonly parts: readonly string[] };

export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=';

/** Why a JUEL text is outside the subset; `at` is a 0-based offset into the text inside `${…}`. */
export class JuelSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = 'JuelSyntaxError';
  }
}
