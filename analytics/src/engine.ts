/**
 * The one door to ClickHouse. Everything goes through `@clickhouse/client`: in-process on
 * chdb by default (data under `<dataDir>/analytics/clickhouse`), or against a ClickHouse
 * server when a URL is configured, with the same SQL. What differs between the two
 * (64-bit integers in JSON, how a CSV file gets in) is absorbed here and nowhere else
 * (shared/notes/clickhouse-embedded.md).
 */
import { createClient, type ClickHouseClient, type ClickHouseSettings } from '@clickhouse/client';
import { createReadStream, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export type EngineTarget =
  /** chdb in this process; only one process may hold the directory. */
  | { dir: string }
  /** A ClickHouse server (24+), e.g. http://user:password@host:8123/. */
  | { url: string };

/** Query parameters, bound as `{name:Type}` in the SQL text. */
export type Params = Record<string, unknown>;

export interface Engine {
  kind: 'embedded' | 'server';
  /** Where the data lives, for logs: a directory or host:port (never a password). */
  location: string;
  /** Rows of a SELECT as objects; 64-bit integers arrive as strings on both paths. */
  query<Row>(sql: string, params?: Params): Promise<Row[]>;
  /** A statement without a result (DDL, INSERT ... SELECT). */
  command(sql: string, params?: Params): Promise<void>;
  /**
   * Loads a CSV file with a header row into `table`, matching columns by name; columns of
   * the file the table lacks are skipped, and empty fields become NULL or the default.
   */
  loadCsv(db: string, table: string, file: string, columns: Readonly<Record<string, string>>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every query runs with. 64-bit integers are quoted on both paths (chdb leaves
 * them bare by default, a server quotes them), and joins give NULL where SQL would, so
 * "not in population" reads as `IS NULL` in the pipeline rather than as 1970-01-01.
 */
const SETTINGS: ClickHouseSettings = {
  output_format_json_quote_64bit_integers: 1,
  join_use_nulls: 1,
  input_format_skip_unknown_fields: 1,
  input_format_csv_empty_as_default: 1,
  date_time_input_format: 'best_effort',
};

/**
 * In this process, a step's INSERT ... SELECT also writes with every core: ClickHouse writes
 * with one thread unless told otherwise, and the steps' tables are wide (06's 20 M rows: 17 s
 * to write with one thread, 12 s with two). A server keeps the setting its profile gives.
 */
const EMBEDDED_SETTINGS: ClickHouseSettings = { max_insert_threads: String(availableParallelism()) };

/**
 * Where the engine has it (ClickHouse 25+), the planner's choice of which side of a join to
 * hash is turned off: every join of the pipeline puts the smaller table on the right, and
 * "auto" hashed 20 M payments instead, doubling step 06. Older servers lack the setting and
 * keep the order as written anyway.
 */
const JOIN_ORDER_AS_WRITTEN: ClickHouseSettings = { query_plan_join_swap_table: 'false' };

export async function openEngine(target: EngineTarget): Promise<Engine> {
  const embedded = 'dir' in target;
  let settings: ClickHouseSettings = embedded ? { ...SETTINGS, ...EMBEDDED_SETTINGS } : SETTINGS;
  const client = embedded ? await chdbClient(target.dir) : createClient({ url: target.url, clickhouse_settings: SETTINGS });
  const engine: Engine = {
    kind: embedded ? 'embedded' : 'server',
    location: embedded ? target.dir : describeUrl(target.url),
    async query<Row>(sql: string, params?: Params) {
      const result = await client.query({ query: sql, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings });
      return result.json<Row>();
    },
    async command(sql, params) {
      await client.command({ query: sql, query_params: params, clickhouse_settings: settings });
    },
    async loadCsv(db, table, file, columns) {
      const names = Object.keys(columns);
      if (embedded) {
        // chdb reads the file itself: half a second per million rows, where a stream through
        // the client is buffered whole in memory first.
        // Parsed as the plain type and converted on insert: the CSV reader builds
        // LowCardinality dictionaries row by row, which made parsing the payments half again
        // as slow (bench/README.md, "Measured choices").
        const structure = names.map((name) => `${name} ${withoutLowCardinality(columns[name]!)}`).join(', ');
        await engine.command(
          `INSERT INTO {db:Identifier}.{table:Identifier} (${names.join(', ')}) SELECT ${names.join(', ')} FROM file({file:String}, CSVWithNames, {structure:String})`,
          { db, table, file, structure },
        );
      } else {
        // A server cannot see this machine's files: stream the CSV text, parsed by the server.
        await client.insert({ table: `${db}.${table}`, values: createReadStream(file), format: 'CSVWithNames', clickhouse_settings: SETTINGS });
      }
    },
    close: () => client.close(),
  };
  const known = await engine
    .query<{ name: string }>('SELECT name FROM system.settings WHERE name IN {names:Array(String)}', { names: Object.keys(JOIN_ORDER_AS_WRITTEN) })
    .catch((error: Error) => {
      throw new Error(`Cannot reach ClickHouse at ${engine.location}: ${error.message}`);
    });
  if (known.length > 0) settings = { ...settings, ...JOIN_ORDER_AS_WRITTEN };
  return engine;
}

async function chdbClient(dir: string): Promise<ClickHouseClient> {
  mkdirSync(dir, { recursive: true });
  // Loaded only on this path: the engine is a 500 MB library a server deployment never needs.
  const { createChdbConnection } = await import('chdb/connection');
  return createClient({ connection: createChdbConnection({ path: dir }) } as Parameters<typeof createClient>[0]);
}

/** A column type as a file is parsed into: `LowCardinality(T)` read as `T`, at any depth. */
export function withoutLowCardinality(type: string): string {
  const start = type.indexOf('LowCardinality(');
  if (start < 0) return type;
  const open = start + 'LowCardinality('.length;
  let depth = 1;
  let close = open;
  while (depth > 0 && close < type.length) {
    const c = type[close++];
    if (c === '(') depth++;
    if (c === ')') depth--;
  }
  return withoutLowCardinality(type.slice(0, start) + type.slice(open, close - 1) + type.slice(close));
}

/** host:port of a URL without its credentials. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return 'a ClickHouse server (unparseable URL)';
  }
}
