// `kabyl replay` on a file uses both cores: a worker thread validates every
// line against format v1 while this thread replays the same lines. Validation
// is not skipped, only moved off the critical path; the output is printed only
// if the validator accepted the whole log, and the first malformed line in
// file order is what gets reported, exactly as a one-thread replay would.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
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
export function replayFile(file: string, at: string | undefined, replayer = new Replayer({ details: false })): Engine {
  // stdin cannot be read twice; unbundled runs (tests from source) have no worker file.
  if (file === '-' || !existsSync(WORKER)) {
    forEachLine(file, (line) => replayer.line(line));
    return replayer.close(at);
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER, { workerData: { file, signal, port: port2 }, transferList: [port2] });
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
  Atomics.wait(signal, 0, 0);
  const verdict = receiveMessageOnPort(port1)?.message as ValidationVerdict;
  void worker.terminate();
  port1.close();
  if (verdict.kind === 'failed') throw new Error(`validation thread failed: ${verdict.message}`);
  const f = failure as { line: number; error: unknown } | null;
  if (verdict.kind === 'malformed' && (f === null || verdict.line <= f.line)) throw new LogError(verdict.message);
  if (f !== null) {
    // Every line up to here is well-formed, so this is the engine's own verdict on the log's order.
    if (f.error instanceof LogError) throw f.error;
    throw f.error;
  }
  return replayer.close(at);
}
