// The process tests/store/crash.test.ts kills: imports a log into a store and,
// at the stage it is told, says so on stdout from inside the open write
// transaction and then blocks its JS thread, so the SIGKILL that follows
// certainly lands inside the write. Bundled by crash.test.ts (so the patched
// Connection below is the very class the store uses).
//   crash-child DB LOG reading|read|commit
// - reading: after 10,000 lines were read and handed to SQLite;
// - read:    every line read and its events queued; projections and indexes not yet;
// - commit:  everything written, the COMMIT about to be sent.
import { openStore } from '../../main/store';
import { Connection } from '../../main/store/sql/connection';

const [db, log, stage] = process.argv.slice(2);
if (!db || !log || !['reading', 'read', 'commit'].includes(stage)) {
  throw new Error(
    `usage: crash-child DB LOG reading|read|commit (got ${process.argv.slice(2).join(' ')})`,
  );
}

function signalAndBlock(detail: object): never {
  // stdout is a pipe, written synchronously on Linux: the parent has the line before the wait begins.
  process.stdout.write(`in-transaction ${JSON.stringify(detail)}\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  throw new Error('unreachable: nothing wakes the wait');
}

let importing = false;
if (stage === 'commit') {
  const run = Connection.prototype.run;
  Connection.prototype.run = function (this: Connection, sql, params) {
    if (importing && sql === 'COMMIT') signalAndBlock({ stage });
    return run.call(this, sql, params);
  };
}

async function main(): Promise<void> {
  const store = await openStore({ file: db });
  importing = true;
  await store.importFile(log, {
    // Small chunks: many progress calls, so "reading" stops well inside the file.
    chunkBytes: 1 << 16,
    onProgress: (p) => {
      if (stage === 'reading' && p.linesRead > 10_000) signalAndBlock({ stage, ...p });
      if (stage === 'read' && p.bytesRead === p.totalBytes && p.linesRead > 0)
        signalAndBlock({ stage, ...p });
    },
  });
  await store.close();
  process.stdout.write('completed\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
