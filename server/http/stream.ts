// The live pull over Server-Sent Events: the same pages as GET /v1/pull, sent
// as they commit. Each `page` message carries a PullResponse and, as its id,
// the page's cursor, so an EventSource that reconnects resumes where it
// stood (Last-Event-ID). A bad or stale cursor, or a view that grew behind
// the cursor while the stream was open, restarts from the beginning with
// `reset: true`, as a plain pull does: nothing is ever skipped. An idle
// stream gets a keep-alive comment and a token check every
// STREAM_KEEPALIVE_SECONDS; a revoked token ends it with an `error` message.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeCursor } from '../../shared/sync/cursor';
import { STREAM_KEEPALIVE_SECONDS } from '../../shared/sync/contract';
import type { Sql } from '../db/database';
import type { Sequencer } from '../sequencer/sequencer';
import { readPage, startOf, viewId, waitForHead } from './pull';

export interface StreamDeps {
  sql: Sql;
  sequencer: Sequencer;
  district: string;
  cursor: string | undefined;
  limit: number;
  req: IncomingMessage;
  res: ServerResponse;
  /** whether the device's token still stands (checked while idle) */
  stillAllowed(): Promise<boolean>;
  keepAliveMs?: number;
}

export async function streamPull(d: StreamDeps): Promise<void> {
  const { res, sequencer, district } = d;
  const closed = new AbortController();
  d.req.on('close', () => closed.abort());
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    // proxies (nginx) must not buffer a live stream
    'x-accel-buffering': 'no',
  });
  const write = async (text: string): Promise<void> => {
    if (!res.write(text)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          closed.signal.removeEventListener('abort', done);
          resolve();
        };
        res.on('drain', done);
        closed.signal.addEventListener('abort', done);
      });
    }
  };
  const keepAliveMs = d.keepAliveMs ?? STREAM_KEEPALIVE_SECONDS * 1000;
  let { after, reset } = startOf(sequencer, district, d.cursor);
  let first = true;
  try {
    while (!closed.signal.aborted) {
      const page = await readPage(d.sql, sequencer, district, after, d.limit, reset);
      if (closed.signal.aborted) break;
      const c = decodeCursor(page.cursor)!;
      if (page.events > 0 || page.reset || first) {
        await write(`id: ${page.cursor}\nevent: page\ndata: ${page.body}\n\n`);
      }
      first = false;
      reset = false;
      after = c.seq;
      if (c.logId !== viewId(sequencer, district)) {
        // The view grew behind the cursor (a link to an older application): start over.
        after = 0;
        reset = true;
        continue;
      }
      if (page.more) continue;
      const head = sequencer.headSeq;
      if (head > after) continue;
      const started = Date.now();
      await waitForHead(sequencer, after, keepAliveMs, closed.signal);
      if (closed.signal.aborted) break;
      if (sequencer.headSeq <= after && Date.now() - started >= keepAliveMs - 5) {
        if (!(await d.stillAllowed())) {
          const msg = { error: 'unauthenticated', message: 'this device token is unknown or revoked' };
          await write(`event: error\ndata: ${JSON.stringify(msg)}\n\n`);
          break;
        }
        await write(': keep-alive\n\n');
      }
    }
  } catch (e) {
    if (!closed.signal.aborted) {
      const msg = { error: 'unavailable', message: `the stream failed: ${(e as Error).message}; reconnect` };
      res.write(`event: error\ndata: ${JSON.stringify(msg)}\n\n`);
    }
  } finally {
    res.end();
  }
}
