// `kabyl verify --db FILE` and `kabyl rebuild --db FILE`: a store against its own log.
import { existsSync } from 'node:fs';
import { openStore, type Store } from '../store';
import { type Io, UsageError, takeOption } from './io';

export const verifyHelp = `Usage: kabyl verify --db FILE

Checks a Kabyl store against its own log: replays every stored event through a
fresh engine and compares the result with every projection row (applications,
streams, schools, cases, orders, rejections, the campaign), and walks the
events' hash chain: every link, and every column the audit shows (actor, type,
subject, time) against the event's hashed text. Prints what differs. A stored
event that is cut short or damaged is reported at its number, never a crash.
It checks only what the file holds: the app also checks the chain against the
heads it recorded outside the file (docs/security.md).

Exit codes: 0 all agree; 1 a difference, a broken chain, or a store too damaged
to be read; 2 bad arguments (or a file that is not a Kabyl store).`;

export const rebuildHelp = `Usage: kabyl rebuild --db FILE

Rewrites every projection row of a Kabyl store from a replay of its stored
events, in one transaction. The events themselves are never changed.

Exit codes: 0 rebuilt; 2 bad arguments.`;

function storeArg(args: string[], help: string): string {
  const rest = [...args];
  const db = takeOption(rest, '--db');
  if (!db) throw new UsageError('--db FILE is required', help);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`, help);
  if (!existsSync(db)) throw new UsageError(`no such store: ${db}`, help);
  return db;
}

const SHOWN = 20;

export async function verifyCommand(args: string[], io: Io): Promise<number> {
  const file = storeArg(args, verifyHelp);
  let store;
  try {
    store = await openStore({ file });
  } catch (e) {
    throw new UsageError(
      `${file} cannot be opened as a Kabyl store: ${(e as Error).message}`,
      verifyHelp,
    );
  }
  try {
    return await verifyOpened(store, io);
  } catch (e) {
    // A table or trigger dropped, a page damaged: a finding about the store, not a bug here.
    io.out(`store: cannot be read to the end (${(e as Error).message})\n`);
    return 1;
  } finally {
    await store.close();
  }
}

async function verifyOpened(store: Store, io: Io): Promise<number> {
  const chain = await store.verifyChain();
  const { events, mismatches } = await store.verifyProjections();
  if (chain.ok) io.out(`hash chain: intact over ${chain.checked} events\n`);
  else {
    const columns = chain.columns
      ? `: ${chain.columns.join(', ')} differ from the hashed body`
      : '';
    io.out(`hash chain: BROKEN at event ${chain.brokenAt} (${chain.reason})${columns}\n`);
  }
  const malformed = mismatches.find((m) => m.problem === 'malformed_body');
  if (malformed)
    io.out(`projections: not compared; event ${malformed.key} does not replay (malformed_body)\n`);
  else if (mismatches.length === 0)
    io.out(`projections: agree with a replay of ${events} events\n`);
  else {
    io.out(
      `projections: ${mismatches.length}${mismatches.length >= 1000 ? '+' : ''} differences from a replay of ${events} events\n`,
    );
    for (const m of mismatches.slice(0, SHOWN)) {
      const cols = m.columns
        ? ` ${m.columns.map((c) => `${c}: ${JSON.stringify(m.actual?.[c])} should be ${JSON.stringify(m.expected?.[c])}`).join(', ')}`
        : '';
      io.out(`  ${m.table} ${m.key}: ${m.problem}${cols}\n`);
    }
    if (mismatches.length > SHOWN)
      io.out(
        `  ... and ${mismatches.length - SHOWN} more; "kabyl rebuild" rewrites them from the log\n`,
      );
  }
  return chain.ok && mismatches.length === 0 ? 0 : 1;
}

export async function rebuildCommand(args: string[], io: Io): Promise<number> {
  const store = await openStore({ file: storeArg(args, rebuildHelp) });
  try {
    const started = performance.now();
    const { events } = await store.rebuildProjections();
    io.out(
      `rebuilt the projections from ${events} events in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
