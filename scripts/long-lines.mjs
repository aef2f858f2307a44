// Lists the lines over 100 characters in the tracked source files: what Prettier
// cannot wrap (long strings, template literals, comments, locale sentences) and a
// person has to. Run after `npm run format`; exits 1 when any is left, 0 when none.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const LIMIT = 100;
const SOURCE = /\.(ts|tsx|mts|mjs|cjs|js|css|html)$/;
const json = process.argv.includes('--json');

const files = execFileSync('git', ['ls-files'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => SOURCE.test(f) || (json && f.endsWith('.json') && !f.endsWith('lock.json')))
  .filter((f) => !f.includes('/fixtures/'));

let count = 0;
for (const file of files) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      // Characters, not UTF-16 units: a Cyrillic sentence counts as it reads.
      const length = [...line].length;
      if (length <= LIMIT) return;
      count++;
      console.log(`${file}:${i + 1}: ${length}`);
    });
}
console.error(`${count} line(s) over ${LIMIT} characters`);
process.exit(count ? 1 : 0);
