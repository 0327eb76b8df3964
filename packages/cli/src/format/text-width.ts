// Terminal column widths: CJK characters take two columns, so tables line up in Chinese.

/** Display width: CJK characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text)
    n +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return n;
}

/** Pads to a display width (CJK-aware). */
export function padCell(text: string, to: number, align: 'left' | 'right' = 'left'): string {
  const pad = ' '.repeat(Math.max(0, to - displayWidth(text)));
  return align === 'left' ? text + pad : pad + text;
}
