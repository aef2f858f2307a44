// Synchronous, buffered writes to stdout for large documents: pieces are
// gathered into ~64 KB blocks so that neither one giant string nor hundreds
// of thousands of tiny writes are made.
import { writeSync } from 'node:fs';

export class BufferedOut {
  private pending: string[] = [];
  private size = 0;
  constructor(
    private readonly fd = 1,
    private readonly block = 1 << 16,
  ) {}

  write = (piece: string): void => {
    this.pending.push(piece);
    this.size += piece.length;
    if (this.size >= this.block) this.flush();
  };

  flush(): void {
    if (this.size === 0) return;
    writeAll(this.fd, Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.size = 0;
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The reader went away (`kabyl replay LOG | head`): nobody wants the rest.
      if (code === 'EPIPE') throw new ReaderGone();
      // A non-blocking pipe whose reader is slower than us: wait and retry.
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2);
    }
  }
}

/** stdout's reader closed the pipe; the command stops quietly, as Unix tools do. */
export class ReaderGone extends Error {}
