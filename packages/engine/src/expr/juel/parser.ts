import { type CompareOp, type JuelNode, JuelSyntaxError } from './ast.js';
import { type Token, tokenize } from './lexer.js';

const WORD_OPS: Readonly<Record<string, string>> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
};
const EQUALITY = new Set(['==', '!=']);
const RELATIONAL = new Set(['<', '>', '<=', '>=']);
/** EL reserved words outside the subset, each refused by name. */
const UNTRANSLATED = new Set(['empty', 'div', 'mod', 'instanceof']);

class Parser {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? { type: 'end', at: 0 };
  }

  /** The operator a token stands for: symbols as written, word operators (`and`, `eq`) as their symbol. */
  private operator(token: Token): string | null {
    if (token.type === 'op') return token.text;
    if (token.type === 'ident') return WORD_OPS[token.text] ?? null;
    return null;
  }

  private take(): Token {
    const token = this.peek();
    this.index += 1;
    return token;
  }

  parse(): JuelNode {
    const node = this.or();
    const rest = this.peek();
    if (rest.type !== 'end') throw new JuelSyntaxError(`unexpected ${describe(rest)}`, rest.at);
    return node;
  }

  private or(): JuelNode {
    let left = this.and();
    while (this.operator(this.peek()) === '||') {
      this.take();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JuelNode {
    let left = this.equality();
    while (this.operator(this.peek()) === '&&') {
      this.take();
      left = { kind: 'and', left, right: this.equality() };
    }
    return left;
  }

  private equality(): JuelNode {
    const left = this.relational();
    const op = this.operator(this.peek());
    if (op === null || !EQUALITY.has(op)) return left;
    this.take();
    const node: JuelNode = { kind: 'compare', op: op as CompareOp, left, right: this.relational() };
    const next = this.operator(this.peek());
    if (next !== null && EQUALITY.has(next)) {
      throw new JuelSyntaxError('two equality tests in a row; compare one pair at a time', this.peek().at);
    }
    return node;
  }

  private relational(): JuelNode {
    const left = this.unary();
    const op = this.operator(this.peek());
    if (op === null || !RELATIONAL.has(op)) return left;
    this.take();
    const node: JuelNode = { kind: 'compare', op: op as CompareOp, left, right: this.unary() };
    const next = this.operator(this.peek());
    if (next !== null && RELATIONAL.has(next)) {
      throw new JuelSyntaxError('two comparisons in a row; join them with && (and)', this.peek().at);
    }
    return node;
  }

  private unary(): JuelNode {
    const token = this.peek();
    const op = this.operator(token);
    if (op === '!') {
      this.take();
      return { kind: 'not', operand: this.unary() };
    }
    if (op === '-') {
      this.take();
      const number = this.peek();
      if (number.type !== 'number')
        throw new JuelSyntaxError('arithmetic is outside the translated subset', token.at);
      this.take();
      return { kind: 'literal', value: -number.value };
    }
    return this.primary();
  }

  private primary(): JuelNode {
    const token = this.take();
    if (token.type === 'number') return { kind: 'literal', value: token.value };
    if (token.type === 'string') return { kind: 'literal', value: token.value };
    if (token.type === 'op' && token.text === '(') {
      const inner = this.or();
      const close = this.take();
      if (close.type !== 'op' || close.text !== ')')
        throw new JuelSyntaxError('a "(" is not closed', token.at);
      return inner;
    }
    if (token.type !== 'ident' || WORD_OPS[token.text] !== undefined) {
      throw new JuelSyntaxError(`expected a value, found ${describe(token)}`, token.at);
    }
    if (token.text === 'true' || token.text === 'false')
      return { kind: 'literal', value: token.text === 'true' };
    if (token.text === 'null') return { kind: 'literal', value: null };
    if (UNTRANSLATED.has(token.text)) {
      throw new JuelSyntaxError(`"${token.text}" is outside the translated subset`, token.at);
    }
    const parts = [token.text];
    while (this.operator(this.peek()) === '.') {
      this.take();
      const part = this.take();
      if (part.type !== 'ident') throw new JuelSyntaxError('expected a property name after "."', part.at);
      parts.push(part.text);
    }
    const after = this.peek();
    if (after.type === 'op' && after.text === '(') {
      throw new JuelSyntaxError(
        `method and function calls (${parts.join('.')}(…)) are not translated`,
        after.at,
      );
    }
    return { kind: 'path', parts };
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'the end of the expression';
    case 'string':
      return `the string '${token.value}'`;
    case 'number':
      return `the number ${token.text}`;
    default:
      return `"${token.text}"`;
  }
}

/** Parses the text inside `${…}` into the subset's tree; throws {@link JuelSyntaxError} outside it. */
export function parseJuel(text: string): JuelNode {
  return new Parser(tokenize(text)).parse();
}
