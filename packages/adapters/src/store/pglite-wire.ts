// The few PostgreSQL wire-protocol (v3) messages the embedded store sends itself, so that running a
// prepared statement is one call into PGlite's WASM (Bind, Execute, Sync in one buffer) instead of
// the six separate calls of `PGlite.query` (parse, describe, bind, describe, execute, sync), each a
// trip through its protocol parser: on a command write that is a fifth of the whole cost.
// https://www.postgresql.org/docs/current/protocol-message-formats.html

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An error PostgreSQL answered with: SQLSTATE in `code`, as drivers report it. */
export class WireError extends Error {
  readonly code: string;
  readonly detail: string | undefined;
  constructor(fields: ReadonlyMap<string, string>) {
    super(fields.get('M') ?? 'database error');
    this.name = 'WireError';
    this.code = fields.get('C') ?? '';
    this.detail = fields.get('D');
  }
}

class Writer {
  readonly #parts: Uint8Array[] = [];
  #length = 0;

  bytes(part: Uint8Array): this {
    this.#parts.push(part);
    this.#length += part.length;
    return this;
  }
  cstring(text: string): this {
    return this.bytes(encoder.encode(text)).bytes(ZERO);
  }
  int16(n: number): this {
    return this.bytes(new Uint8Array([(n >> 8) & 255, n & 255]));
  }
  int32(n: number): this {
    return this.bytes(new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]));
  }
  /** The message: type byte, length (including itself), body. */
  message(type: string): Uint8Array {
    const out = new Uint8Array(5 + this.#length);
    out[0] = type.charCodeAt(0);
    new DataView(out.buffer).setInt32(1, 4 + this.#length);
    let offset = 5;
    for (const part of this.#parts) {
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }
}

const ZERO = new Uint8Array([0]);

/** Parse: prepares `text` as the statement `name`, parameter types inferred. */
export function parseMessage(name: string, text: string): Uint8Array {
  return new Writer().cstring(name).cstring(text).int16(0).message('P');
}

/** Bind (text parameters, text results) to the unnamed portal, Execute it, Sync. */
export function bindExecuteSync(name: string, params: readonly (string | null)[]): Uint8Array {
  const bind = new Writer().cstring('').cstring(name).int16(0).int16(params.length);
  for (const param of params) {
    if (param === null) bind.int32(-1);
    else {
      const bytes = encoder.encode(param);
      bind.int32(bytes.length).bytes(bytes);
    }
  }
  bind.int16(0);
  const execute = new Writer().cstring('').int32(0).message('E');
  const sync = new Writer().message('S');
  return concat([bind.message('B'), execute, sync]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** What a reply held: the rows (text values), whether a Parse succeeded, the first error. */
export interface Reply {
  readonly rows: (string | null)[][];
  readonly parsed: boolean;
  readonly error: WireError | null;
}

export function readReply(reply: Uint8Array): Reply {
  const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
  const rows: (string | null)[][] = [];
  let error: WireError | null = null;
  let parsed = false;
  for (let at = 0; at + 5 <= reply.length; ) {
    const type = String.fromCharCode(reply[at] ?? 0);
    const end = at + 1 + view.getInt32(at + 1);
    if (type === '1') parsed = true;
    else if (type === 'D') {
      const count = view.getInt16(at + 5);
      const row: (string | null)[] = [];
      for (let i = 0, p = at + 7; i < count; i++) {
        const length = view.getInt32(p);
        p += 4;
        if (length < 0) row.push(null);
        else {
          row.push(decoder.decode(reply.subarray(p, p + length)));
          p += length;
        }
      }
      rows.push(row);
    } else if (type === 'E' && error === null) {
      // Fields: a type byte and a NUL-terminated string each, until a NUL type byte.
      const fields = new Map<string, string>();
      for (let p = at + 5; p < end && reply[p] !== 0; ) {
        const field = String.fromCharCode(reply[p] ?? 0);
        const stop = reply.indexOf(0, p + 1);
        fields.set(field, decoder.decode(reply.subarray(p + 1, stop)));
        p = stop + 1;
      }
      error = new WireError(fields);
    }
    at = end;
  }
  return { rows, parsed, error };
}
