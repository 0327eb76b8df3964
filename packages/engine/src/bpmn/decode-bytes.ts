import type { Diagnostic } from '../model/diagnostics.js';

/** What {@link decodeBpmnBytes} found: the text, or why the bytes are not text Tongban reads. */
export type DecodedBpmn =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

function badEncoding(message: string): DecodedBpmn {
  return { ok: false, diagnostic: { elementId: null, code: 'BAD_ENCODING', message, severity: 'error' } };
}

/** The encoding the XML declaration names, read as ASCII from the first bytes. */
function declaredEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  return /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1] ?? null;
}

function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    // stream: a character cut off at the end is not an error, only a byte that cannot be UTF-8.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Offset of the first byte that breaks UTF-8 (binary search on prefixes), or -1 if none does. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return -1;
  } catch {
    let good = 0;
    let bad = bytes.length;
    while (bad - good > 1) {
      const middle = Math.floor((good + bad) / 2);
      if (isUtf8Prefix(bytes.subarray(0, middle))) good = middle;
      else bad = middle;
    }
    // The prefix of length `bad` fails, so its last byte breaks UTF-8 (or the input ends mid-character).
    return isUtf8Prefix(bytes.subarray(0, bad)) ? Math.max(0, bad - 1) : bad - 1;
  }
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): DecodedBpmn {
  try {
    return { ok: true, text: new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return badEncoding(
      `The file starts like ${label.toUpperCase()} but is not valid ${label.toUpperCase()}; save it as UTF-8.`,
    );
  }
}

/**
 * Decodes a BPMN file's bytes. UTF-8 (with or without a byte order mark) is read as is; UTF-16 is
 * recognised by its byte order mark or by `<` followed by a zero byte, and decoded. Anything else,
 * such as a GBK file or a damaged UTF-8 one, is refused with `BAD_ENCODING` naming the line of the
 * first bad byte: decoding it leniently would turn names into U+FFFD (a department named `���`).
 */
export function decodeBpmnBytes(bytes: Uint8Array): DecodedBpmn {
  const [b0, b1] = [bytes[0], bytes[1]];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0x3c && b1 === 0x00)) return utf16(bytes, 'utf-16le');
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0x00 && b1 === 0x3c)) return utf16(bytes, 'utf-16be');
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8').decode(bytes) };
  const line = bytes.subarray(0, bad).filter((byte) => byte === 0x0a).length + 1;
  const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  const declared = declaredEncoding(bytes);
  const hint =
    declared !== null && !/^utf-?8$/i.test(declared)
      ? ` The file declares encoding="${declared}": save it as UTF-8 (Tongban reads UTF-8 and UTF-16).`
      : ' Save it as UTF-8.';
  return badEncoding(
    `The file is not valid UTF-8: byte 0x${hex} at line ${line} (byte offset ${bad}) is not part of a UTF-8 character.${hint}`,
  );
}
