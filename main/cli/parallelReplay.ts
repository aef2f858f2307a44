// `kabyl replay` on a file uses both cores: a worker thread reads the log and
// validates every line against format v1, and this thread applies the rules to
// what it passes on, in file order. Validation is not skipped, only moved off
// the engine's thread; the first malformed line, or the first line the engine
// finds out of order, is reported exactly as a one-thread replay would.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../../shared/engine/engine';
import { Replayer } from '../../shared/engine/replay';
import { decodeEssentials } from '../../shared/engine/essentials';
import { LogError } from '../../shared/log/parseLine';
import { forEachLine } from './readLines';
import type { ValidatorMessage } from './validateWorker';

const WORKER = path.join(__dirname, 'validate-worker.cjs');

/** Replays a log file; throws a LogError naming the first bad line. */
export async function replayFile(file: string, at: string | undefined): Promise<Engine> {
  // stdin cannot be handed to a thread; unbundled runs (tests from source) have no worker file.
  if (file === '-' || !existsSync(WORKER)) return replaySequentially(file, at);
  const replayer = new Replayer({ details: false });
  const worker = new Worker(WORKER, { workerData: { file } });
  const outcome = await new Promise<{ lines: number } | { error: unknown } | null>((resolve) => {
    let settled = false;
    const settle = (v: { lines: number } | { error: unknown } | null) => {
      if (!settled) {
        settled = true;
        resolve(v);
      }
    };
    worker.on('message', (m: ValidatorMessage) => {
      if (settled) return;
      if (m.kind === 'lines') {
        try {
          for (let i = 0; i < m.items.length; i++) {
            if (m.items[i] !== '') replayer.applyAt(decodeEssentials(m.items[i]), m.first + i);
          }
        } catch (error) {
          settle({ error });
        }
      } else if (m.kind === 'done') settle({ lines: m.lines });
      else if (m.kind === 'malformed') settle({ error: new LogError(m.message) });
      else settle(null);
    });
    worker.once('error', () => settle(null));
    worker.once('exit', () => settle(null));
  });
  void worker.terminate();
  // A validator that could not run (a thread that failed to start, say) leaves
  // the log unchecked: replay it the plain way rather than trust it.
  if (outcome === null) return replaySequentially(file, at);
  if ('error' in outcome) throw outcome.error;
  return replayer.close(at, outcome.lines);
}

function replaySequentially(file: string, at: string | undefined): Engine {
  const replayer = new Replayer({ details: false });
  forEachLine(file, (line) => replayer.line(line));
  return replayer.close(at);
}
