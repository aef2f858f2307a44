// `kabyl server ...`: the central server's admin commands. They open the
// server's database directly: PostgreSQL from --database or DATABASE_URL, or
// the server's PGlite data folder (--data-dir or KABYL_SERVER_DATA_DIR), which
// only one process can hold, so stop a PGlite server before using them.
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../../server/config';
import { createEnrolmentCode, revokeDevice } from '../../server/auth/devices';
import { createCampaign } from '../../server/admin/campaign';
import type { District } from '../../server/admin/districts';
import { exportLog } from '../../server/admin/exportLog';
import { exportAnonymised } from '../../server/publish/anonymisedExport';
import { importLog } from '../../server/admin/importLog';
import { verifyServer } from '../../server/admin/verify';
import { type Database, openDatabase } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { parseInstant } from '../../shared/log/instant';
import { parseEventLine } from '../../shared/log/parseLine';
import { emisCsv, emisExport, emisJson } from '../../shared/portal/emis';
import { formatInstant } from '../../server/sequencer/clock';
import { type Io, UsageError, takeFlag, takeOption } from './io';
import { forEachLine } from './readLines';

export const serverHelp = `Usage: kabyl server SUBCOMMAND [OPTIONS]

Administers the central server's database (docs/sync.md):

  campaign [--campaign FILE.json] [--at INSTANT] --district ID=NAME ...
        open the campaign (FILE.json: campaign.opened's data, FORMATS.md) and
        add or rename districts; without --campaign only districts change
  import LOG.jsonl          load an existing campaign log onto an empty server
  enrol --district ID [--name DEVICE]
        print a one-time enrolment code for a device of that district (72 h)
  revoke DEVICE_ID          revoke a device's token at once
  export [--out FILE] [--anonymised]
                            the log as JSON Lines (FORMATS.md), in seq order;
                            --anonymised: with keyed pseudonyms, as published
                            (docs/opening-day.md)
  verify                    the stored projections against a fresh replay
  emis-export --campaign YEAR --out FILE [--format csv|json] [--force] [--now INSTANT]
        every enrolled child for the national EMIS (docs/portal.md); the
        format follows FILE's extension unless --format says; refuses before
        the campaign's documents deadline unless --force

Database (one of):
  --database URL            PostgreSQL (default: DATABASE_URL)
  --data-dir DIR            the server's PGlite data folder
                            (default: KABYL_SERVER_DATA_DIR or ~/.local/share/kabyl-server)

Exit codes: 0 done; 1 verify found differences; 2 bad arguments or input.`;

export async function serverCommand(args: string[], io: Io): Promise<number> {
  const rest = [...args];
  const url = takeOption(rest, '--database') ?? process.env.DATABASE_URL;
  const dataDir =
    takeOption(rest, '--data-dir') ?? process.env.KABYL_SERVER_DATA_DIR ?? defaultDataDir();
  const sub = rest.shift();
  if (sub === undefined) throw new UsageError('a subcommand is required', serverHelp);
  const run = subcommands[sub];
  if (!run) throw new UsageError(`unknown subcommand "${sub}"`, serverHelp);
  const db = await openDatabase(url ? { url } : { dataDir: path.resolve(dataDir, 'pglite') });
  try {
    await migrate(db);
    return await run(rest, db, io);
  } finally {
    await db.close();
  }
}

type Sub = (args: string[], db: Database, io: Io) => Promise<number>;

const subcommands: Record<string, Sub> = {
  async campaign(args, db, io) {
    const file = takeOption(args, '--campaign');
    const at = takeOption(args, '--at');
    const districts: District[] = [];
    for (
      let d = takeOption(args, '--district');
      d !== undefined;
      d = takeOption(args, '--district')
    ) {
      const eq = d.indexOf('=');
      if (eq <= 0) throw new UsageError(`--district ${d}: expected ID=NAME`, serverHelp);
      districts.push({ id: d.slice(0, eq), name: d.slice(eq + 1) || d.slice(0, eq) });
    }
    noMore(args);
    if (!file && districts.length === 0)
      throw new UsageError('give --campaign FILE.json or --district', serverHelp);
    let campaign: Record<string, unknown> | null = null;
    if (file) {
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`, serverHelp);
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      // A whole campaign.opened event is accepted too: its data is what counts.
      campaign =
        parsed.type === 'campaign.opened' ? (parsed.data as Record<string, unknown>) : parsed;
    }
    const r = await createCampaign(db, { campaign, at, districts });
    io.out(
      `${campaign ? 'campaign opened; ' : ''}${districts.length} district(s) saved; head seq ${r.head}\n`,
    );
    return 0;
  },

  async import(args, db, io) {
    if (args.length !== 1) throw new UsageError('import takes exactly one LOG.jsonl', serverHelp);
    const lines: string[] = [];
    forEachLine(args[0], (l) => lines.push(l));
    const r = await importLog(db, lines);
    io.out(`imported ${r.events} events; head seq ${r.head}\n`);
    return 0;
  },

  async enrol(args, db, io) {
    const district = takeOption(args, '--district');
    const name = takeOption(args, '--name') ?? 'district desktop';
    noMore(args);
    if (!district) throw new UsageError('--district ID is required', serverHelp);
    const code = await createEnrolmentCode(db, district, name);
    io.out(`${code}\n`);
    io.err(`one-time enrolment code for a device of district ${district}; valid 72 hours\n`);
    return 0;
  },

  async revoke(args, db, io) {
    if (args.length !== 1) throw new UsageError('revoke takes exactly one DEVICE_ID', serverHelp);
    if (!(await revokeDevice(db, args[0]))) {
      io.err(`kabyl server revoke: no active device ${args[0]}\n`);
      return 2;
    }
    io.out(`device ${args[0]} revoked\n`);
    return 0;
  },

  async export(args, db, io) {
    const out = takeOption(args, '--out');
    const anonymised = takeFlag(args, '--anonymised');
    noMore(args);
    const run = anonymised ? exportAnonymised : exportLog;
    if (!out) {
      await run(db, (chunk) => io.out(chunk));
      return 0;
    }
    const stream = createWriteStream(out);
    await run(db, (chunk) =>
      stream.write(chunk) ? undefined : new Promise((r) => stream.once('drain', r)),
    );
    await new Promise<void>((resolve, reject) =>
      stream.end((e?: Error | null) => (e ? reject(e) : resolve())),
    );
    return 0;
  },

  async 'emis-export'(args, db, io) {
    const year = takeOption(args, '--campaign');
    const out = takeOption(args, '--out');
    const format =
      takeOption(args, '--format') ?? (out?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
    const nowText = takeOption(args, '--now');
    const force = takeFlag(args, '--force');
    noMore(args);
    if (!year || !/^\d{4}$/.test(year))
      throw new UsageError('--campaign YEAR (four digits) is required', serverHelp);
    if (!out) throw new UsageError('--out FILE is required', serverHelp);
    if (format !== 'csv' && format !== 'json')
      throw new UsageError(`--format ${format}: csv or json`, serverHelp);
    const now = nowText === undefined ? Date.now() : parseInstant(nowText);
    if (Number.isNaN(now))
      throw new UsageError(`--now ${nowText}: not an instant with an offset`, serverHelp);
    const lines: string[] = [];
    await exportLog(db, (chunk) => {
      for (const l of chunk.split('\n')) if (l !== '') lines.push(l);
    });
    if (lines.length === 0) throw new UsageError('the server holds no campaign', serverHelp);
    const x = emisExport(lines.map((l, i) => parseEventLine(l, i + 1)));
    if (x.year !== Number(year)) {
      throw new UsageError(`the server's campaign is ${x.year}, not ${year}`, serverHelp);
    }
    if (now < x.documentsEnd && !force) {
      io.err(
        `kabyl server emis-export: the campaign ends at its documents deadline, ${formatInstant(x.documentsEnd)}; ` +
          'enrolments may still change before it (use --force to export anyway)\n',
      );
      return 2;
    }
    const text = format === 'csv' ? emisCsv(x.records) : emisJson(x);
    writeFileSync(`${out}.tmp`, text);
    renameSync(`${out}.tmp`, out);
    io.out(`${x.records.length} enrolled children written to ${out} (${format})\n`);
    return 0;
  },

  async verify(args, db, io) {
    noMore(args);
    const r = await verifyServer(db);
    if (r.problems.length === 0) {
      io.out(`ok: seq 1..${r.head} without gaps; every projection equals a fresh replay\n`);
      return 0;
    }
    io.out(`${r.problems.join('\n')}\n`);
    io.err(`kabyl server verify: ${r.problems.length} difference(s)\n`);
    return 1;
  },
};

function noMore(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument ${args[0]}`, serverHelp);
}
