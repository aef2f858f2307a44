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

/** FORMATS.md: a line is at most 1 MiB of UTF-8, not counting its newline. */
export const MAX_LINE_BYTES = 1 << 20;

export function lineTooLong(line?: number): LogError {
  return new LogError(
    `the line is longer than ${MAX_LINE_BYTES} bytes (1 MiB), the format's limit`,
    line,
  );
}

/** UTF-8 length of `text` (a lone surrogate counts 3 bytes, as its U+FFFD replacement). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      // a pair is two units and four bytes
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2;
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Throws the format's error for a line over MAX_LINE_BYTES. Constant time for any line under 1/3 MiB. */
export function checkLineLength(text: string, line?: number): void {
  // A UTF-16 unit is 1 to 3 bytes of UTF-8: only lines in between need counting.
  if (text.length * 3 <= MAX_LINE_BYTES) return;
  if (text.length > MAX_LINE_BYTES || utf8Length(text) > MAX_LINE_BYTES) throw lineTooLong(line);
}

export function parseEventLine(text: string, line?: number): LogEvent {
  checkLineLength(text, line);
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
