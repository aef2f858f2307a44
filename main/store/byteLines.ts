// A log file's bytes to lines, each as text (for the parser) and as UTF-8
// bytes (for the store, which hashes and writes the body as bytes). For a
// valid UTF-8 file, which every well-formed log is, the bytes are the file's
// own, so nothing is encoded twice. Where a stretch is not valid UTF-8, the
// bytes are the decoded text's encoding instead: the hash chain is defined
// over the body's text (docs/store.md), and the text is what the parser saw.
import { isUtf8 } from 'node:buffer';
import { MAX_LINE_BYTES, lineTooLong } from '../../shared/log/parseLine';

export class ByteLines {
  private rest: Buffer | null = null;
  /** lines handed on so far: the unfinished one is number `lines + 1` */
  private lines = 0;

  /** Lines split on LF; a CR before it is dropped, as shared/engine/replay.ts's LineSplitter does. */
  constructor(private readonly onLine: (text: string, bytes: Buffer) => void) {}

  /** `chunk` is kept (sliced, not copied) until its lines are handed on: pass a fresh buffer each time. */
  push(chunk: Buffer): void {
    const buf = this.rest === null ? chunk : Buffer.concat([this.rest, chunk]);
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      this.keep(buf);
      return;
    }
    // A newline never sits inside a multi-byte sequence, so complete lines can be checked on their own.
    const valid = isUtf8(buf.subarray(0, last + 1));
    let start = 0;
    while (start <= last) {
      const nl = buf.indexOf(10, start);
      this.emit(buf, start, nl, valid);
      start = nl + 1;
    }
    if (start < buf.length) this.keep(buf.subarray(start));
    else this.rest = null;
  }

  /** Holds an unfinished line, unless it is already over the format's limit (+1 for a CR). */
  private keep(rest: Buffer): void {
    if (rest.length > MAX_LINE_BYTES + 1) throw lineTooLong(this.lines + 1);
    this.rest = rest;
  }

  end(): void {
    const rest = this.rest;
    this.rest = null;
    if (rest !== null && rest.length > 0) this.emit(rest, 0, rest.length, isUtf8(rest));
  }

  private emit(buf: Buffer, start: number, end: number, valid: boolean): void {
    if (end > start && buf[end - 1] === 13) end--;
    this.lines++;
    if (end - start > MAX_LINE_BYTES) throw lineTooLong(this.lines);
    const text = buf.toString('utf8', start, end);
    this.onLine(text, valid ? buf.subarray(start, end) : Buffer.from(text, 'utf8'));
  }
}
