// Streams a file (or stdin, for `-`) as lines, in fixed chunks so a
// republic-sized log never has to sit in memory as one string.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { LineSplitter } from '../../shared/engine/replay';

// Small enough that a decoded chunk stays out of V8's large-object space: 4 MB chunks
// left hundreds of MB of dead strings in the old generation and made every
// major GC mark the engine's whole state again.
const CHUNK = 1 << 15;

export function forEachLine(path: string, onLine: (line: string) => void): void {
  const fd = path === '-' ? 0 : openSync(path, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = new StringDecoder('utf8');
  const split = new LineSplitter(onLine);
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        // stdin as a non-blocking pipe can ask us to wait; EOF is a zero read.
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          sleepBriefly();
          continue;
        }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      split.push(decoder.write(buf.subarray(0, n)));
    }
    split.push(decoder.end());
    split.end();
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

function sleepBriefly(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
}
