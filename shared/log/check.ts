// A small validator kit for the log's payloads. Each check returns the value
// it accepted or throws a SchemaError naming the field. Paths are assembled
// only while an error unwinds, so the accepting path does no string work:
// replaying a republic's log spends its time on the rules, not on messages.

export class SchemaError extends Error {
  readonly path: string[] = [];
  constructor(readonly problem: string) {
    super(problem);
  }
  /** `data.child.pin: expected a string` */
  describe(): string {
    if (this.path.length === 0) return this.problem;
    const where = this.path.reduce(
      (acc, p) => (p.startsWith('[') || acc === '' ? acc + p : `${acc}.${p}`),
      '',
    );
    return `${where}: ${this.problem}`;
  }
}

export type Check<T> = (value: unknown) => T;
export type Infer<C> = C extends Check<infer T> ? T : never;

function kindOf(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

export function fail(problem: string): never {
  throw new SchemaError(problem);
}

function expected(what: string, v: unknown): never {
  throw new SchemaError(v === undefined ? 'is missing' : `expected ${what}, got ${kindOf(v)}`);
}

export const string: Check<string> = (v) => (typeof v === 'string' ? v : expected('a string', v));

export const boolean: Check<boolean> = (v) =>
  typeof v === 'boolean' ? v : expected('true or false', v);

export const nonEmpty: Check<string> = (v) =>
  typeof v === 'string' && v.length > 0 ? v : expected('a non-empty string', v);

export function integer(min = -Infinity): Check<number> {
  return (v) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return expected('an integer', v);
    if (v < min) fail(`must be at least ${min}, got ${v}`);
    return v;
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  const set = new Set<string>(values);
  const list = values.join(', ');
  return (v) =>
    typeof v === 'string' && set.has(v) ? (v as T[number]) : expected(`one of ${list}`, v);
}

/** A string that `parse` maps to a number (an instant, a date); NaN means malformed. */
export function parsed(what: string, parse: (s: string) => number): Check<string> {
  return (v) => (typeof v === 'string' && !Number.isNaN(parse(v)) ? v : expected(what, v));
}

export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (v) => (v === undefined ? undefined : check(v));
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (v) => {
    if (!Array.isArray(v)) return expected('an array', v);
    for (let i = 0; i < v.length; i++) {
      try {
        check(v[i]);
      } catch (e) {
        if (e instanceof SchemaError) e.path.unshift(`[${i}]`);
        throw e;
      }
    }
    return v as T[];
  };
}

type Shape = Record<string, Check<unknown>>;
type ShapeType<S extends Shape> = {
  [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]>;
} & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** An object with at least these fields; other fields are allowed and kept (FORMATS.md). */
export function object<S extends Shape>(shape: S): Check<ShapeType<S>> {
  const keys = Object.keys(shape);
  const checks = keys.map((k) => shape[k]);
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return expected('an object', v);
    const o = v as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      try {
        checks[i](o[keys[i]]);
      } catch (e) {
        if (e instanceof SchemaError) e.path.unshift(keys[i]);
        throw e;
      }
    }
    return v as ShapeType<S>;
  };
}
