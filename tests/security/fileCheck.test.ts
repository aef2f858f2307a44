// Structural checks of scans (issue 12, item 8): real files pass; magic bytes with
// anything else behind them, truncations and forged headers do not.
import { describe, expect, it } from 'vitest';
import { checkScan, MAX_NAME_CHARS, safeScanName } from '../../main/services/attachments/fileCheck';
import { JPEG, JPEG_MAGIC_THEN_SVG, PDF_HEADER_THEN_HTA, PNG, pdf } from '../support/scans';

const problem = (bytes: Buffer) => {
  const r = checkScan(bytes);
  return r.ok ? null : r.problem;
};

describe('checkScan', () => {
  it('accepts real PNG, JPEG and PDF files, typed by their structure', () => {
    expect(checkScan(PNG)).toEqual({ ok: true, type: 'image/png' });
    expect(checkScan(JPEG)).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkScan(pdf())).toEqual({ ok: true, type: 'application/pdf' });
  });

  it("refuses the issue's hostile files", () => {
    expect(problem(PDF_HEADER_THEN_HTA)).toMatch(/PDF: no %%EOF/);
    expect(problem(JPEG_MAGIC_THEN_SVG)).toMatch(/JPEG/);
  });

  it('PNG: truncated, a broken CRC, zero or absurd dimensions, data after IEND', () => {
    expect(problem(PNG.subarray(0, PNG.length - 12))).toMatch(/no IEND/);
    const badCrc = Buffer.from(PNG);
    badCrc[29] ^= 0xff; // inside IHDR's CRC
    expect(problem(badCrc)).toMatch(/CRC mismatch/);
    expect(problem(Buffer.concat([PNG, Buffer.from('<script>')]))).toMatch(/after IEND/);
    expect(
      problem(Buffer.concat([PNG.subarray(0, 8), Buffer.from('<svg onload=alert(1)>')])),
    ).toMatch(/PNG/);
  });

  it('JPEG: no frame header, a segment running past the end, no end marker', () => {
    expect(problem(JPEG.subarray(0, 200))).toMatch(/JPEG/);
    expect(problem(JPEG.subarray(0, JPEG.length - 2))).toMatch(/no end-of-image/);
    expect(problem(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0x00, 0xff, 0xd9]))).toMatch(
      /before any frame header/,
    );
    // a frame header claiming 0x0 pixels
    const zero = Buffer.from(JPEG);
    const sof = zero.indexOf(Buffer.from([0xff, 0xc0]));
    zero.writeUInt16BE(0, sof + 5);
    expect(problem(zero)).toMatch(/bad dimensions/);
  });

  it('PDF: header, startxref pointing at an xref table with a trailer, %%EOF at the end', () => {
    const good = pdf().toString('latin1');
    expect(problem(Buffer.from(good.replace('%%EOF', ''), 'latin1'))).toMatch(/%%EOF/);
    expect(problem(Buffer.from(good + '<html>after the end</html>', 'latin1'))).toMatch(/%%EOF/);
    expect(problem(Buffer.from(good.replace(/startxref\n\d+/, 'startxref\n12'), 'latin1'))).toMatch(
      /does not point/,
    );
    expect(problem(Buffer.from(good.replace('trailer', 'trailxr'), 'latin1'))).toMatch(
      /without a trailer/,
    );
    expect(problem(Buffer.from(good.replace('%PDF-1.4', '%PDF-x.y'), 'latin1'))).toMatch(
      /bad header/,
    );
    expect(problem(pdf('/JavaScript (app.alert)'))).toMatch(/scripts/);
  });

  it('refuses anything else', () => {
    expect(problem(Buffer.from('MZ\x90\x00'))).toMatch(/not a PNG, JPEG or PDF/);
    expect(problem(Buffer.alloc(0))).toMatch(/not a PNG/);
  });
});

describe('safeScanName', () => {
  it('keeps the base name, drops separators, controls and bidi overrides, ends with the checked type', () => {
    expect(safeScanName('certificate.png', 'image/png')).toBe('certificate.png');
    expect(safeScanName('IMG_001.JPEG', 'image/jpeg')).toBe('IMG_001.jpg');
    expect(safeScanName('scan.pdf.hta', 'application/pdf')).toBe('scan.pdf.hta.pdf');
    expect(safeScanName('C:\\Users\\x\\scan.pdf', 'application/pdf')).toBe('scan.pdf');
    expect(safeScanName('report\u202efdp.exe', 'application/pdf')).toBe('report_fdp.exe.pdf');
    expect(safeScanName('a\u2066b\u2069c\u200b.png', 'image/png')).toBe('a_b_c_.png');
    expect(safeScanName('...', 'image/png')).toBe('scan.png');
    expect(safeScanName('../', 'image/png')).toBe('scan.png');
    expect(safeScanName('photo.png', 'application/pdf')).toBe('photo.png.pdf');
  });

  it('caps the length, counting characters, extension included', () => {
    const name = safeScanName(`${'ж'.repeat(400)}.pdf`, 'application/pdf');
    expect([...name].length).toBe(MAX_NAME_CHARS);
    expect(name.endsWith('ж.pdf')).toBe(true);
  });
});
