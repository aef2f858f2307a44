// `kabyl replay` on a file uses both cores: a worker thread validates every
// line against format v1 while this thread replays the same lines. Validation
// is not skipped, only moved off the critical path; the output is printed only
// if the validator accepted the whole log, and the first malformed line in
// file order is what gets reported, exactly as a one-thread replay would.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../../shared/engine/engine';
import { Replayer } from '../../shared/engine/replay';
import { LogError } from '../../shared/log/parseLine';
import { forEachLine } from './readLines';
import type { ValidationVerdict } from './validateWorker';

const WORKER = path.join(__dirname, 'validate-worker.cjs');
const STOP = Symbol('stop');
/** The worker's signal: 0 still validating, 1 the whole log is well-formed, 2 a malformed line. */
const MALFORMED = 2;

/** Replays a log file; throws a LogError naming the first malformed line. */
export async function replayFile(file: string, at: string | undefined): Promise<Engine> {
  // stdin cannot be read twice; unbundled runs (tests from source) have no worker file.
  if (file === '-' || !existsSync(WORKER)) return replaySequentially(file, at);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER, { workerData: { file, signal } });
  // Listen before replaying: the verdict, or the thread dying without one.
  const verdict = new Promise<ValidationVerdict | null>((resolve) => {
    worker.once('message', (v: ValidationVerdict) => resolve(v));
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  const replayer = new Replayer({ details: false });
  let failure: { line: number; error: unknown } | null = null;
  try {
    forEachLine(file, (line) => {
      // The validator may already have found a malformed line: stop replaying.
      if ((replayer.lines & 4095) === 0 && Atomics.load(signal, 0) === MALFORMED) throw STOP;
      try {
        replayer.unvalidatedLine(line);
      } catch (error) {
        failure = { line: replayer.lines, error };
        throw STOP;
      }
    });
  } catch (e) {
    if (e !== STOP) {
      void worker.terminate();
      throw e;
    }
  }
  const v = await verdict;
  void worker.terminate();
  // A validator that could not run (a thread that failed to start, say) leaves
  // the log unchecked: check it the plain way rather than trust it.
  if (v === null || v.kind === 'failed') return replaySequentially(file, at);
  const f = failure as { line: number; error: unknown } | null;
  if (v.kind === 'malformed' && (f === null || v.line <= f.line)) throw new LogError(v.message);
  // Every line up to a failure is well-formed, so the failure is the engine's own verdict on the log's order.
  if (f !== null) throw f.error;
  return replayer.close(at);
}

function replaySequentially(file: string, at: string | undefined): Engine {
  const replayer = new Replayer({ details: false });
  forEachLine(file, (line) => replayer.line(line));
  return replayer.close(at);
}
