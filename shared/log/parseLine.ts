// One line of a JSONL log to one validated event, with an error that a person can act on.
import { SchemaError } from './check';
import { type LogEvent, validateEvent } from './events';

/** A log that breaks the format: the whole input is rejected (FORMATS.md "Malformed input"). */
export class LogError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
  }
}

export function parseEventLine(text: string, line?: number): LogEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new LogError(`not JSON (${(e as Error).message})`, line);
  }
  try {
    return validateEvent(value);
  } catch (e) {
    if (e instanceof SchemaError) throw new LogError(e.describe(), line);
    throw e;
  }
}
