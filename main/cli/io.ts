// What every command shares: where output goes and how argument errors read.

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Set when `out` is the process's stdout, for commands that stream large output. */
  stdoutFd?: number;
}

/** Wrong arguments: the command prints the message and its help, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help: string,
  ) {
    super(message);
  }
}

/** Removes `--name VALUE` (or `--name=VALUE`) from args and returns VALUE. */
export function takeOption(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === name) {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`${name} needs a value`, '');
      args.splice(i, 2);
      return value;
    }
    if (args[i].startsWith(name + '=')) {
      const value = args[i].slice(name.length + 1);
      args.splice(i, 1);
      return value;
    }
  }
  return undefined;
}

export function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}
