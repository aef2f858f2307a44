// The registry's name and PIN search through the FTS5 trigram index, on real
// SQLite files: the same answers as a plain substring filter over every row,
// whichever way the rows were written (bulk import, appends, a rebuild), with
// Cyrillic case folding (Kyrgyz letters included), and served by the index.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/log/events';
import { openStore, type Store } from '../../main/store';
import { StoreQueries } from '../../main/store/queries';
import { campaignLog } from './fixtures/campaignLog';
import { tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
const stores: Store[] = [];
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  tmp.cleanup();
});

const lines = campaignLog({ schools: 5, children: 300 });
const events = lines.map((l) => JSON.parse(l) as LogEvent);

/** A late submission (refused, but a registry row all the same) for a child with this name and PIN. */
function lateChild(n: number, lastName: string, firstName: string, pin: string): LogEvent {
  const model = events.find((e) => e.type === 'application.submitted')! as Extract<
    LogEvent,
    { type: 'application.submitted' }
  >;
  const last = events[events.length - 1]!;
  return {
    ...model,
    id: `late-${n}`,
    at: last.at,
    data: {
      ...model.data,
      applicationId: `LATE-${n}`,
      child: { ...model.data.child, pin, lastName, firstName },
    },
  } as LogEvent;
}
const KYRGYZ = [
  lateChild(1, 'Өмүрбекова', 'Ңурай', '22222201900077'),
  lateChild(2, 'ҮСӨНОВ', 'Айбек', '22222201900078'),
  lateChild(3, 'O"Brien', 'Mary', '22222201900079'),
];

async function imported(bulk: boolean): Promise<Store> {
  const log = tmp.file('log.jsonl');
  writeFileSync(log, lines.join('\n') + '\n');
  const s = await openStore({
    file: tmp.file(bulk ? 'bulk.sqlite' : 'rows.sqlite'),
    snapshotEvery: false,
  });
  stores.push(s);
  await s.importFile(log, { bulkBytes: bulk ? 1 : Number.MAX_SAFE_INTEGER });
  await s.append(KYRGYZ);
  return s;
}

/** What the search must answer: a plain filter over every row. */
async function expected(s: Store, q: string): Promise<string[]> {
  const rows = (await s.applications({ limit: 1000 })).rows;
  const digits = /^\d+$/.test(q);
  return rows
    .filter((r) =>
      digits
        ? q.length >= 3
          ? r.pin?.includes(q)
          : r.pin?.startsWith(q)
        : r.childName.toLowerCase().includes(q.toLowerCase()),
    )
    .map((r) => r.id)
    .sort();
}

const found = async (s: Store, q: string) =>
  (await s.applications({ search: q, limit: 1000 })).rows.map((r) => r.id).sort();

const QUERIES = [
  'асанов',
  'АСАНОВ',
  'сАнО',
  'ов ай',
  'Уулу',
  'бек',
  'жумабеков нурлан',
  'ив',
  'а',
  'zz',
  'нет такого',
  'өмүр',
  'ӨМҮР',
  'ңурай',
  'ҢУРАЙ',
  'үсөн',
  'Үсөнов',
  'o"bri',
  '50%',
  '100%_',
  '1',
  '22',
  '2222',
  '019000',
  '0007',
  '22222201900078',
];

describe('name and PIN search (FTS5 trigram)', () => {
  for (const bulk of [true, false]) {
    it(`answers as a substring filter over every row (${bulk ? 'bulk import' : 'row by row'})`, async () => {
      const s = await imported(bulk);
      expect((await s.applications({ limit: 1 })).total).toBeGreaterThan(300);
      for (const q of QUERIES) expect(await found(s, q), q).toEqual(await expected(s, q));
      expect(await found(s, 'өмүр')).toEqual(['LATE-1']);
      expect(await found(s, 'ҮСӨН')).toEqual(['LATE-2']);
      await s.dataSource.query(
        "INSERT INTO application_search (application_search) VALUES ('integrity-check')",
      );
    });
  }

  it('gives the same windows and totals whether it looks matches up or walks the sort index', async () => {
    const s = await imported(false);
    const windows = async () => {
      const out = [];
      for (const q of ['ов', 'нов', 'бек', 'ЖУМА', '019000']) {
        for (const sort of ['submittedAt', 'childName', 'pin'] as const) {
          for (const offset of [0, 7])
            out.push(await s.applications({ search: q, sort, offset, limit: 9 }));
          out.push(
            await s.applications({
              search: q,
              sort,
              status: 'enrolled',
              limit: 9,
              direction: 'desc',
            }),
          );
        }
      }
      return out;
    };
    const saved = StoreQueries.denseMatches;
    try {
      StoreQueries.denseMatches = 1_000_000;
      const lookedUp = await windows();
      StoreQueries.denseMatches = 0;
      const walked = await windows();
      expect(walked).toEqual(lookedUp);
      expect(lookedUp.some((w) => w.total > 9)).toBe(true);
    } finally {
      StoreQueries.denseMatches = saved;
    }
  });

  it('stays right through a projection rebuild, and the total counts every match', async () => {
    const s = await imported(true);
    await s.rebuildProjections();
    await s.dataSource.query(
      "INSERT INTO application_search (application_search) VALUES ('integrity-check')",
    );
    for (const q of QUERIES) expect(await found(s, q), q).toEqual(await expected(s, q));
    const page = await s.applications({ search: 'ов', limit: 5 });
    const many = await s.applications({ search: 'нов', limit: 5, sort: 'childName' });
    expect(page.rows).toHaveLength(5);
    expect(many.total).toBe((await expected(s, 'нов')).length);
  });

  it('is served by the trigram index, not a scan of the names', async () => {
    const s = await imported(false);
    const plan = await s.dataSource.query(
      'EXPLAIN QUERY PLAN SELECT id FROM application WHERE rowid IN (SELECT rowid FROM application_search WHERE application_search MATCH \'child_name : "асан"\')',
    );
    expect(plan.map((r: { detail: string }) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
  });
});
