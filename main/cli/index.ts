// The `kabyl` command line: the same engine as the app, over files.
import { LogError } from '../../shared/log/parseLine';
import { replayCommand, replayHelp } from './replayCommand';
import { generateCommand, generateHelp } from './generateCommand';
import { reportCommand, reportHelp } from './reportCommand';
import { templateCommand, templateHelp } from './templateCommand';
import { importCommand, importHelp } from './importCommand';
import { rebuildCommand, rebuildHelp, verifyCommand, verifyHelp } from './storeCheckCommands';
import { type Io, UsageError } from './io';
import { ReaderGone } from './writeOut';

interface Command {
  summary: string;
  help: string;
  run(args: string[], io: Io): number | Promise<number>;
}

const commands: Record<string, Command> = {
  replay: { summary: 'replay a campaign log and print every placement as JSON', help: replayHelp, run: replayCommand },
  generate: { summary: 'write a realistic campaign log (demo and benchmark data)', help: generateHelp, run: generateCommand },
  report: { summary: 'write a report (applications, streams, orders, ...) as an Excel workbook', help: reportHelp, run: reportCommand },
  template: { summary: 'write the Excel template for importing schools, catchments and quotas', help: templateHelp, run: templateCommand },
  import: { summary: 'import a campaign log into a store file (all of it or nothing)', help: importHelp, run: importCommand },
  verify: { summary: "check a store's tables and hash chain against its own log", help: verifyHelp, run: verifyCommand },
  rebuild: { summary: "rewrite a store's tables from its own log", help: rebuildHelp, run: rebuildCommand },
};

export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}

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
    io.out((topic ? topic.help : mainHelp()) + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`kabyl: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
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
