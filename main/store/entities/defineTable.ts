// One description per table: its columns in order, each with its property name,
// SQL name, SQLite type and nullability. From it come the TypeORM EntitySchema
// (repositories, the migration test), the record type, the row tuple type and the
// SQL column list of the bulk writers (projection/tables.ts, log/eventRow.ts), and
// the `col AS prop` select lists of the hand-written queries (queries.ts). The
// migrations create the tables; tests/store/schema.test.ts checks that what they
// create (PRAGMA table_info) is what this describes.
import {
  EntitySchema,
  type EntitySchemaColumnOptions,
  type EntitySchemaIndexOptions,
} from 'typeorm';

type SqlType = 'text' | 'integer';

export interface ColumnDef<P extends string = string, V = unknown> {
  property: P;
  /** the SQL column name: the property in snake_case unless given */
  name: string;
  type: SqlType;
  nullable: boolean;
  primary?: boolean;
  unique?: boolean;
  generated?: 'increment';
  /** carries the value type; never set */
  readonly value?: V;
}

interface ColumnOptions {
  name?: string;
  primary?: boolean;
  unique?: boolean;
  generated?: 'increment';
}

const snake = (p: string) => p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function column<P extends string, V>(
  property: P,
  type: SqlType,
  nullable: boolean,
  o: ColumnOptions,
): ColumnDef<P, V> {
  return {
    property,
    name: o.name ?? snake(property),
    type,
    nullable,
    primary: o.primary,
    unique: o.unique,
    generated: o.generated,
  };
}

/** Column builders; narrow a text column's value type with the type argument, e.g. text<'role', Role>. */
export const col = {
  text: <P extends string, V extends string = string>(p: P, o: ColumnOptions = {}) =>
    column<P, V>(p, 'text', false, o),
  textOrNull: <P extends string, V extends string = string>(p: P, o: ColumnOptions = {}) =>
    column<P, V | null>(p, 'text', true, o),
  integer: <P extends string, V extends number = number>(p: P, o: ColumnOptions = {}) =>
    column<P, V>(p, 'integer', false, o),
  integerOrNull: <P extends string, V extends number = number>(p: P, o: ColumnOptions = {}) =>
    column<P, V | null>(p, 'integer', true, o),
};

type ValueOf<C> = C extends ColumnDef<string, infer V> ? V : never;

/** The row as the bulk writers bind it: one value per column, in the table's column order. */
export type RowOf<Cs extends readonly ColumnDef[]> = { -readonly [K in keyof Cs]: ValueOf<Cs[K]> };

/** RowOf with one column's value type replaced (the writer binds the event body as bytes). */
export type RowWith<Cs extends readonly ColumnDef[], P extends Cs[number]['property'], V> = {
  -readonly [K in keyof Cs]: Cs[K] extends ColumnDef<P, unknown> ? V : ValueOf<Cs[K]>;
};

/** The row as an object keyed by property (what a repository reads and writes). */
export type RecordOf<Cs extends readonly ColumnDef[]> = {
  [C in Cs[number] as C['property']]: ValueOf<C>;
};

export interface TableSchema<Cs extends readonly ColumnDef[]> {
  table: string;
  defs: Cs;
  /** SQL column names in order: what the bulk writers insert and the checks select */
  columns: readonly string[];
  entity: EntitySchema<RecordOf<Cs>>;
}

export function defineTable<const Cs extends readonly ColumnDef[]>(
  entityName: string,
  table: string,
  defs: Cs,
  indices: { name: string; columns: Cs[number]['property'][] }[] = [],
): TableSchema<Cs> {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const d of defs) {
    columns[d.property] = {
      type: d.type,
      name: d.name,
      nullable: d.nullable,
      ...(d.primary ? { primary: true } : {}),
      ...(d.unique ? { unique: true } : {}),
      ...(d.generated ? { generated: d.generated } : {}),
    };
  }
  const entity = new EntitySchema<RecordOf<Cs>>({
    name: entityName,
    tableName: table,
    columns: columns as never,
    indices: indices as EntitySchemaIndexOptions[],
  });
  return { table, defs, columns: defs.map((d) => d.name), entity };
}

/** `"sql_name" AS "property"` for each column (all, or the properties named), for hand-written SELECTs. */
export function selectList<Cs extends readonly ColumnDef[]>(
  schema: TableSchema<Cs>,
  only?: readonly Cs[number]['property'][],
  alias?: string,
): string {
  const defs = only ? only.map((p) => schema.defs.find((d) => d.property === p)!) : schema.defs;
  const at = alias ? `${alias}.` : '';
  return defs
    .map((d) =>
      d.name === d.property ? `${at}"${d.name}"` : `${at}"${d.name}" AS "${d.property}"`,
    )
    .join(', ');
}
