// Many rows to SQLite in one statement, as two blobs: the UTF-8 bytes of every
// value back to back, and a fixed-width index giving each value's byte range.
//
// Why not the obvious ways (measured on a republic import, docs/store.md):
// - binding every value through node-sqlite3 costs about 0.2 µs a value on
//   the JS thread;
// - a JSON array unpacked with `value ->> i` costs about 0.3 µs a value on
//   SQLite's thread: in the SQLite this project ships (3.44), each `->>` call
//   site keeps its own parse cache, so every column re-parses the whole row.
// Slicing blobs is constant time in SQLite, and the index costs JS a few digit
// writes per value: SQLite's share is half the JSON way's, the JS thread's about
// what JSON.stringify costs.
import type { SqlValue } from '../projection/tables';

/** A value to pack: bytes are stored as they are (and read back as TEXT, so they must be UTF-8). */
export type PackValue = SqlValue | Uint8Array;

/**
 * Per value: a 10-digit 1-based byte offset into the data blob, then a 10-digit byte
 * length (both even: digits go in pairs). Ten digits hold any length up to MAX_BYTES,
 * so no value can be cut short (8 digits once stored 9,715,411 bytes of a 200 MiB line).
 */
const OFFSET_DIGITS = 10;
const LENGTH_DIGITS = 10;
const ENTRY = OFFSET_DIGITS + LENGTH_DIGITS;
/** an entry starting with '-' is SQL NULL */
const NULL_MARK = 0x2d;
/** offsets are written with 32-bit integer arithmetic */
const MAX_BYTES = 2 ** 31 - 1;

export interface PackedRows {
  /** every non-null value's UTF-8 bytes, in row order */
  data: Buffer;
  /** `rows × width` fixed-width entries */
  index: Buffer;
  /** `[0,0,...]` with one element per row: json_each over it yields the row numbers */
  driver: string;
}

const drivers = new Map<number, string>();

function driverOf(rows: number): string {
  let d = drivers.get(rows);
  if (d === undefined) {
    d = `[${new Array(rows).fill(0).join(',')}]`;
    if (drivers.size < 64) drivers.set(rows, d);
  }
  return d;
}

/** "00".."99" as byte pairs: two digits per division */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Writes `value` (0 <= value < 2^31) as exactly `width` decimal digits, `width` even. */
function writeDigits(buf: Buffer, at: number, value: number, width: number): void {
  for (let k = at + width - 2; k >= at; k -= 2) {
    const q = (value / 100) | 0;
    const r = (value - q * 100) * 2;
    buf[k] = PAIRS[r];
    buf[k + 1] = PAIRS[r + 1];
    value = q;
  }
}

/** the values' bytes are written here, then copied out: one allocation per batch, none per value */
let scratch = Buffer.allocUnsafe(1 << 20);

/** Packs rows[from, to), each `width` values. */
export function packRows(
  rows: readonly (readonly PackValue[])[],
  width: number,
  from = 0,
  to = rows.length,
): PackedRows {
  const count = to - from;
  const index = Buffer.allocUnsafe(count * width * ENTRY);
  let used = 0;
  let at = 0;
  for (let r = from; r < to; r++) {
    const row = rows[r];
    if (row.length !== width)
      throw new Error(`a row has ${row.length} values for ${width} columns`);
    for (let c = 0; c < width; c++, at += ENTRY) {
      const v = row[c];
      if (v === null || v === undefined) {
        index[at] = NULL_MARK;
        continue;
      }
      let length: number;
      if (typeof v === 'object') {
        room(used, v.length);
        scratch.set(v, used);
        length = v.length;
      } else if (typeof v === 'number' && v >= 0 && v <= MAX_BYTES && Number.isInteger(v)) {
        room(used, 10);
        length = writeInteger(v, used);
      } else {
        const text = typeof v === 'string' ? v : numberText(v);
        // A UTF-16 unit is at most 3 UTF-8 bytes: make room first, as a write that does not fit is cut short.
        room(used, text.length * 3);
        length = writeText(text, used);
      }
      if (used + length > MAX_BYTES) throw new Error('a batch of rows is too large to pack');
      writeDigits(index, at, used + 1, OFFSET_DIGITS);
      writeDigits(index, at + OFFSET_DIGITS, length, LENGTH_DIGITS);
      used += length;
    }
  }
  return { data: Buffer.from(scratch.subarray(0, used)), index, driver: driverOf(count) };
}

/** short ASCII strings (ids, codes, instants, hashes) are copied here; Buffer#write's own overhead is larger than the copy */
const COPY_BELOW = 96;

/** A small non-negative integer's decimal digits, written without making a string. */
function writeInteger(v: number, at: number): number {
  let digits = 1;
  for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
  for (let k = at + digits - 1; k >= at; k--) {
    const q = (v / 10) | 0;
    scratch[k] = 48 + v - q * 10;
    v = q;
  }
  return digits;
}

function writeText(text: string, at: number): number {
  const n = text.length;
  if (n < COPY_BELOW) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return scratch.write(text, at, 'utf8');
      scratch[at + i] = c;
    }
    return n;
  }
  return scratch.write(text, at, 'utf8');
}

function room(used: number, more: number): void {
  if (used + more <= scratch.length) return;
  const bigger = Buffer.allocUnsafe(Math.max(scratch.length * 2, used + more));
  scratch.copy(bigger, 0, 0, used);
  scratch = bigger;
}

function numberText(v: number): string {
  // Integers and finite decimals only: column affinity turns the text back into the number.
  if (!Number.isFinite(v)) throw new Error(`cannot store the number ${v}`);
  return String(v);
}

/**
 * `SELECT <one expression per column> FROM json_each(?3)`, reading a PackedRows
 * bound as (?1 data, ?2 index, ?3 driver). Values come out as TEXT; the target
 * columns' declared types (INTEGER, TEXT) give them back their type, exactly as
 * SQLite's affinity rules convert a bound numeric text.
 */
export function packedSelect(width: number): string {
  const rowBytes = width * ENTRY;
  const columns: string[] = [];
  for (let c = 0; c < width; c++) {
    const at = `key * ${rowBytes} + ${c * ENTRY + 1}`;
    const offset = `CAST(substr(?2, ${at}, ${OFFSET_DIGITS}) AS INTEGER)`;
    const length = `CAST(substr(?2, ${at} + ${OFFSET_DIGITS}, ${LENGTH_DIGITS}) AS INTEGER)`;
    columns.push(
      `CASE WHEN substr(?2, ${at}, 1) = x'2d' THEN NULL ELSE CAST(substr(?1, ${offset}, ${length}) AS TEXT) END`,
    );
  }
  return `SELECT ${columns.join(', ')} FROM json_each(?3)`;
}

/** The parameters for a statement built on packedSelect. */
export function packedParams(p: PackedRows): [Buffer, Buffer, string] {
  return [p.data, p.index, p.driver];
}
