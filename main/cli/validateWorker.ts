// The second thread of `kabyl replay`: checks every line of the log against
// format v1 while the main thread replays it, and reports the first malformed
// line (or that there is none). See parallelReplay.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { LogError, parseEventLine } from '../../shared/log/parseLine';
import { forEachLine } from './readLines';

export type ValidationVerdict = { kind: 'ok' } | { kind: 'malformed'; line: number; message: string } | { kind: 'failed'; message: string };

const { file, signal } = workerData as { file: string; signal: Int32Array };

let verdict: ValidationVerdict = { kind: 'ok' };
let n = 0;
try {
  forEachLine(file, (text) => {
    n++;
    if (text.trim() !== '') parseEventLine(text, n);
  });
} catch (e) {
  verdict = e instanceof LogError ? { kind: 'malformed', line: e.line ?? n, message: e.message } : { kind: 'failed', message: String((e as Error).message ?? e) };
}
// 1: the whole log is well-formed; 2: it is not (the main thread may stop replaying early).
Atomics.store(signal, 0, verdict.kind === 'ok' ? 1 : 2);
parentPort!.postMessage(verdict);
