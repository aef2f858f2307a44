// The floor of `kabyl replay`: read the same file in the same chunks and only
// JSON.parse each line. Nothing can replay a log faster than it can be parsed.
const fs = require('node:fs');
const { StringDecoder } = require('node:string_decoder');

const fd = fs.openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 15); // the same chunk size as `kabyl replay`
const decoder = new StringDecoder('utf8');
let rest = '';
let count = 0;
const line = (l) => {
  if (l.trim() !== '') {
    JSON.parse(l);
    count++;
  }
};
for (;;) {
  const n = fs.readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  const text = rest + decoder.write(buf.subarray(0, n));
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    line(text.slice(start, nl));
    start = nl + 1;
  }
  rest = text.slice(start);
}
line(rest + decoder.end());
process.stdout.write(`${count}\n`);
