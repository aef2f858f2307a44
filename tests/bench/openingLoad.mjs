// The opening-day load generator (npm run load:opening runs it in its own
// process): pre-registered parents with pre-issued signed tokens submit their
// drafts through autocannon, ramping in steps and then unthrottled up to the
// server's limit; 5% of the parents send the same draft from several devices
// (each its own Idempotency-Key). A 429/503/409 is retried after Retry-After
// with the same key, and a request cut by a dropped connection is re-sent by
// autocannon unchanged, which is what a parent's page would do. Writes every
// receipt and every request sent to a JSON file for the orchestrator's checks.
//
//   argv: URL SECRET PARENTS OUT MODE(intake|baseline)
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { applicationOf, parentIdOf } from './openingParents.mjs';

const [url, secret, parentsArg, out, mode = 'intake'] = process.argv.slice(2);
const parents = Number(parentsArg);
const baseline = mode === 'baseline';
const path = baseline ? '/naive/applications' : '/v1/intake/applications';

function token(parentId) {
  const payload = Buffer.from(JSON.stringify({ p: parentId, x: Date.now() + 86_400_000 })).toString(
    'base64url',
  );
  return `kbp_${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

// The crowd, in the order it arrives; a family's extra devices right behind its first.
const items = [];
for (let i = 0; i < parents; i++) {
  const parentId = parentIdOf(i);
  const body = JSON.stringify(applicationOf(i, parents));
  const auth = `Bearer ${token(parentId)}`;
  const devices = i % 20 === 7 ? 2 + (i % 3) : 1;
  for (let d = 0; d < devices; d++)
    items.push({ i, key: `key-${i}-device-${d}`, body, auth, tries: 0, done: false });
}
let next = 0;
const retries = new Map(); // due second -> items
let outstanding = items.length;
const receipts = [];
const statuses = {};
const accepts = []; // [t, latency ms, collapsed]
let reqErrors = 0;
let idle = 0;
/** taken and not yet answered: when a step stops, they go back to the front of the queue */
const flying = new Set();

function retryLater(item, seconds) {
  const due = Math.floor(Date.now() / 1000) + seconds;
  if (!retries.has(due)) retries.set(due, []);
  retries.get(due).push(item);
}

function take() {
  const now = Math.floor(Date.now() / 1000);
  for (const [due, list] of retries) {
    if (due > now) continue;
    const item = list.pop();
    if (list.length === 0) retries.delete(due);
    if (item) return item;
  }
  return next < items.length ? items[next++] : null;
}

const request = {
  method: 'POST',
  path,
  setupRequest(req, context) {
    const item = take();
    context.item = item;
    if (item === null) {
      idle++;
      return { ...req, method: 'GET', path: '/v1/health', headers: {}, body: undefined };
    }
    item.tries++;
    flying.add(item);
    return {
      ...req,
      headers: {
        'content-type': 'application/json',
        authorization: item.auth,
        'idempotency-key': item.key,
      },
      body: item.body,
    };
  },
  onResponse(status, body, context, headers) {
    const item = context.item;
    if (!item) return;
    flying.delete(item);
    statuses[status] = (statuses[status] ?? 0) + 1;
    context.accepted = false;
    if (status === 202 || (baseline && status === 200)) {
      const b = JSON.parse(body);
      if (!item.done) {
        item.done = true;
        outstanding--;
        if (!baseline) {
          receipts.push([
            item.i,
            item.key,
            b.receipt.applicationId,
            b.receipt.seq,
            b.collapsed ? 1 : 0,
            b.decision ? 1 : 0,
          ]);
        }
      }
      context.accepted = true;
      context.collapsed = Boolean(b.collapsed);
    } else if (status === 429 || status === 503 || status === 409) {
      const after = Number(headers['retry-after'] ?? headers['Retry-After'] ?? 1);
      retryLater(item, status === 409 ? 1 : Math.max(1, after));
    } else {
      // 4xx/5xx other than the above are errors; the item is not retried.
      item.done = true;
      outstanding--;
    }
  },
};

function run(opts) {
  return new Promise((resolve) => {
    const instance = autocannon(
      { url, requests: [request], pipelining: 1, timeout: 20, ...opts },
      (err, result) => resolve({ err, result }),
    );
    instance.on('response', (client, status, bytes, responseTime) => {
      const ctx = client.requestIterator.context;
      if (ctx.accepted) accepts.push([Date.now(), responseTime, ctx.collapsed ? 1 : 0]);
    });
    instance.on('reqError', () => reqErrors++);
    const check = setInterval(() => {
      if (outstanding === 0) instance.stop();
    }, 100);
    instance.on('done', () => clearInterval(check));
  });
}

const rate = (r) => Math.max(10, Math.round((r * parents) / 36_000));
const phases = baseline
  ? [{ name: 'unthrottled', connections: 64, duration: 30 }]
  : [
      // The ramp's rates scale with the crowd (36,000 parents: 250, 500, 1000/s).
      { name: 'ramp-1', connections: 16, overallRate: rate(250), duration: 10 },
      { name: 'ramp-2', connections: 32, overallRate: rate(500), duration: 10 },
      { name: 'ramp-3', connections: 48, overallRate: rate(1000), duration: 10 },
      // Bounded: a slow machine stops here with parents still waiting, and says so.
      { name: 'unthrottled', connections: 64, duration: 90 },
      { name: 'retries', connections: 8, overallRate: 2000, duration: 30 },
    ];
const timeline = [];
for (const p of phases) {
  if (outstanding === 0) break;
  const start = Date.now();
  process.stdout.write(`phase ${p.name} ${start}\n`);
  const { name, ...opts } = p;
  const { err } = await run(opts);
  if (err) process.stderr.write(`autocannon: ${err.message}\n`);
  timeline.push({ name, start, end: Date.now() });
  for (const item of flying) if (!item.done) retryLater(item, 0);
  flying.clear();
}
writeFileSync(
  out,
  JSON.stringify({
    timeline,
    receipts,
    statuses,
    accepts,
    reqErrors,
    idle,
    outstanding,
    sent: items.map((x) => [x.i, x.key, x.tries]),
  }),
);
process.stdout.write(`done ${outstanding} outstanding\n`);
