// The `kabyl` command line: the same engine as the app, over files.
import { LogError } from '../../shared/log/parseLine';
import { type Io, UsageError } from './io';
import { ReaderGone } from './writeOut';

interface Command {
  help: string;
  run(args: string[], io: Io): number | Promise<number>;
}

// Each command's code loads only when it runs: `kabyl replay` must not pay for
// TypeORM, SQLite and exceljs, which the store and report commands need.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  replay: {
    summary: 'replay a campaign log and print every placement as JSON',
    load: async () =>
      import('./replayCommand').then((m) => ({ help: m.replayHelp, run: m.replayCommand })),
  },
  generate: {
    summary: 'write a realistic campaign log (demo and benchmark data)',
    load: async () =>
      import('./generateCommand').then((m) => ({ help: m.generateHelp, run: m.generateCommand })),
  },
  report: {
    summary: 'write a report (applications, streams, orders, ...) as an Excel workbook',
    load: async () =>
      import('./reportCommand').then((m) => ({ help: m.reportHelp, run: m.reportCommand })),
  },
  template: {
    summary: 'write the Excel template for importing schools, catchments and quotas',
    load: async () =>
      import('./templateCommand').then((m) => ({ help: m.templateHelp, run: m.templateCommand })),
  },
  import: {
    summary: 'import a campaign log into a store file (all of it or nothing)',
    load: async () =>
      import('./importCommand').then((m) => ({ help: m.importHelp, run: m.importCommand })),
  },
  verify: {
    summary: "check a store's tables and hash chain against its own log",
    load: async () =>
      import('./storeCheckCommands').then((m) => ({ help: m.verifyHelp, run: m.verifyCommand })),
  },
  server: {
    summary: "the central server's admin: campaign, districts, device enrolment, export, verify",
    load: async () =>
      import('./serverCommand').then((m) => ({ help: m.serverHelp, run: m.serverCommand })),
  },
  'verify-published': {
    summary: 'check an anonymised export against the chain heads the server published',
    load: async () =>
      import('./verifyPublishedCommand').then((m) => ({
        help: m.verifyPublishedHelp,
        run: m.verifyPublishedCommand,
      })),
  },
  rebuild: {
    summary: "rewrite a store's tables from its own log",
    load: async () =>
      import('./storeCheckCommands').then((m) => ({ help: m.rebuildHelp, run: m.rebuildCommand })),
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const list = Object.entries(commands)
    .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
    .join('\n');
  return `Usage: kabyl COMMAND [ARGS...]

Kabyl: first-grade admission for district education departments. The same
allocation engine as the desktop app, over campaign log files.

Commands:
${list}

Run "kabyl COMMAND --help" for a command's options.`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands[args[0]] : undefined;
    io.out((topic ? (await topic.load()).help : mainHelp()) + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    io.err(`kabyl: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(command.help + '\n');
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof ReaderGone) return 0;
    if (e instanceof LogError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`kabyl ${name}: ${e.message}\n${e.help ? `\n${e.help}\n` : ''}`);
      return 2;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.err(`kabyl ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

export function runCli(): void {
  const io: Io = {
    stdoutFd: 1,
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`kabyl: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 70;
    },
  );
}
