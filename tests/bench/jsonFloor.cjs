// The floor of `kabyl replay`: read the same file in the same chunks and only
// JSON.parse each line. Nothing can replay a log faster than it can be parsed.
//   node jsonFloor.cjs FILE [THREADS]
// With THREADS > 1 the file is cut at line ends into THREADS byte ranges, each
// parsed by its own worker thread: the floor given the threads `kabyl replay`
// uses (a validating reader thread and the engine's thread). Prints the line count.
const fs = require('node:fs');
const { StringDecoder } = require('node:string_decoder');
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

const CHUNK = 1 << 15; // the same chunk size as `kabyl replay`

/** Parses the lines of bytes [start, end) of the file; returns how many were not blank. */
function parseRange(file, start, end) {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(CHUNK);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let count = 0;
  const line = (l) => {
    if (l.trim() !== '') {
      JSON.parse(l);
      count++;
    }
  };
  for (let at = start; at < end;) {
    const n = fs.readSync(fd, buf, 0, Math.min(CHUNK, end - at), at);
    if (n === 0) break;
    at += n;
    const text = rest + decoder.write(buf.subarray(0, n));
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      line(text.slice(from, nl));
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  line(rest + decoder.end());
  fs.closeSync(fd);
  return count;
}

/** Byte offsets cutting the file into `parts` ranges, each ending just after a newline. */
function cuts(file, parts) {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.allocUnsafe(1 << 16);
  const at = [0];
  for (let i = 1; i < parts; i++) {
    let pos = Math.max(at[i - 1], Math.floor((size * i) / parts));
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) {
        pos = size;
        break;
      }
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) {
        pos += nl + 1;
        break;
      }
      pos += n;
    }
    at.push(pos);
  }
  fs.closeSync(fd);
  at.push(size);
  return at;
}

if (!isMainThread) {
  parentPort.postMessage(parseRange(workerData.file, workerData.start, workerData.end));
} else {
  const file = process.argv[2];
  const threads = Math.max(1, Number(process.argv[3] ?? 1));
  if (threads === 1) {
    process.stdout.write(`${parseRange(file, 0, fs.statSync(file).size)}\n`);
  } else {
    const at = cuts(file, threads);
    const counts = at.slice(1).map(
      (end, i) =>
        new Promise((resolve, reject) => {
          const w = new Worker(__filename, { workerData: { file, start: at[i], end } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    );
    Promise.all(counts).then((c) => process.stdout.write(`${c.reduce((a, b) => a + b, 0)}\n`));
  }
}
