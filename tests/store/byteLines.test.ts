// The import's line splitter: the same lines as the replay's text splitter,
// however the bytes are chunked, and each line's bytes are its text in UTF-8.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../shared/engine/replay';
import { ByteLines } from '../../main/store/byteLines';

function split(bytes: Buffer, cuts: number[]): { text: string; bytes: string }[] {
  const out: { text: string; bytes: string }[] = [];
  const lines = new ByteLines((text, b) => out.push({ text, bytes: b.toString('hex') }));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    // Each push gets a buffer of its own, as the import's reads do.
    lines.push(Buffer.from(bytes.subarray(at, Math.max(at, cut))));
    at = Math.max(at, cut);
  }
  lines.push(Buffer.from(bytes.subarray(at)));
  lines.end();
  return out;
}

function textLines(text: string): string[] {
  const out: string[] = [];
  const s = new LineSplitter((l) => out.push(l));
  s.push(text);
  s.end();
  return out;
}

describe('ByteLines', () => {
  it('splits on LF, drops a CR before it, keeps the last line without a newline, and cuts multi-byte characters anywhere', () => {
    const bytes = Buffer.from('{"a":"Ж"}\r\n\n{"b":"😀"}\n{"c":1}', 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const lines = split(bytes, [cut]);
      expect(lines.map((l) => l.text)).toEqual(['{"a":"Ж"}', '', '{"b":"😀"}', '{"c":1}']);
      for (const l of lines) expect(l.bytes).toBe(Buffer.from(l.text, 'utf8').toString('hex'));
    }
  });

  it("gives the decoded text's bytes where the file is not valid UTF-8", () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('"}\n{"b":2}\n'),
    ]);
    const lines = split(bytes, [3]);
    expect(lines.map((l) => l.text)).toEqual(['{"a":"\ufffd\ufffd"}', '{"b":2}']);
    expect(lines[0].bytes).toBe(Buffer.from('{"a":"\ufffd\ufffd"}', 'utf8').toString('hex'));
  });

  it('agrees with the text splitter on any text and any chunking (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 12 }),
            fc.constantFrom('\n', '\r\n', '\r'),
          ),
          { maxLength: 20 },
        ),
        fc.array(fc.nat(200), { maxLength: 6 }),
        (parts, cuts) => {
          const text = parts.join('');
          const lines = split(Buffer.from(text, 'utf8'), cuts);
          expect(lines.map((l) => l.text)).toEqual(textLines(text));
          for (const l of lines) expect(l.bytes).toBe(Buffer.from(l.text, 'utf8').toString('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });
});
