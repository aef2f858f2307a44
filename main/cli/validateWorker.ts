// The first thread of `kabyl replay`: reads the log, checks every line against
// format v1, and passes the engine's thread the essentials of each event (see
// shared/engine/essentials.ts) in order, in batches; then the number of lines,
// or the first malformed line. See parallelReplay.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { encodeEssentials } from '../../shared/engine/essentials';
import { LogError, parseEventLine } from '../../shared/log/parseLine';
import { forEachLine } from './readLines';

export type ValidatorMessage =
  /** lines first..first+items.length-1, in order: an event's encoded essentials, or '' for a blank line */
  | { kind: 'lines'; first: number; items: string[] }
  | { kind: 'done'; lines: number }
  | { kind: 'malformed'; line: number; message: string }
  | { kind: 'failed'; message: string };

// Small batches first, so the engine's thread starts work as soon as possible.
let batchSize = 64;
const MAX_BATCH = 2048;
const { file } = workerData as { file: string };
const port = parentPort!;

let n = 0;
let batch: string[] = [];
let first = 1;
const flush = () => {
  if (batch.length)
    port.postMessage({ kind: 'lines', first, items: batch } satisfies ValidatorMessage);
  batch = [];
  first = n + 1;
  batchSize = Math.min(MAX_BATCH, batchSize * 2);
};
try {
  forEachLine(file, (text) => {
    n++;
    batch.push(text.trim() === '' ? '' : encodeEssentials(parseEventLine(text, n)));
    if (batch.length >= batchSize) flush();
  });
  flush();
  port.postMessage({ kind: 'done', lines: n } satisfies ValidatorMessage);
} catch (e) {
  // Every line before this one has been passed on: the engine's thread meets them first.
  batch.pop();
  flush();
  port.postMessage(
    (e instanceof LogError
      ? { kind: 'malformed', line: e.line ?? n, message: e.message }
      : { kind: 'failed', message: String((e as Error).message ?? e) }) satisfies ValidatorMessage,
  );
}
