/**
 * Statements on an embedded database prepared once and kept, by their text, as postgres.js
 * and node-postgres's named queries do on a server. PGlite's own `query` parses, analyses
 * and plans every statement anew, in five calls into its WebAssembly, and planning reads the
 * size of every index of the table from the file system (an `fstat` each): population's
 * person table, with a name index per province, took 43 of them per look-up of one NIK
 * (bench/README.md, "Measured choices"). A kept statement is bound and run in one call;
 * PostgreSQL still chooses per execution between a plan for the values given and the one
 * plan it keeps (`plan_cache_mode`), so a statement whose best plan depends on its values
 * keeps getting that plan.
 *
 * Written against PGlite's protocol surface (`execProtocol`, `protocol.serialize`,
 * `parse.parseResults`) and its own locks, as its `query` and `describeQuery` are: no
 * library offers this for PGlite, whose `query` takes no statement name.
 */
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { LRUCache } from 'lru-cache';

const { serialize } = protocol;

/** Statements kept per database at most; the least recently used one is closed past it. */
const MAX_STATEMENTS = 256;

/** What PostgreSQL says when a kept statement's result columns changed under it (a migration). */
const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

interface Prepared {
  name: string;
  /** Each parameter's type, as PostgreSQL inferred it, for PGlite's serializers. */
  types: number[];
}

export interface PreparedStatements {
  /** The rows of one statement with bound parameters ($1, $2, ...), prepared the first time its text is seen. */
  query<Row>(text: string, params: readonly unknown[]): Promise<Row[]>;
}

export function preparedStatements(db: PGlite): PreparedStatements {
  let named = 0;
  /** Statements evicted from `kept`, closed in PostgreSQL with the next call. */
  const toClose: string[] = [];
  const kept = new LRUCache<string, Prepared>({ max: MAX_STATEMENTS, dispose: (statement) => toClose.push(statement.name) });

  async function prepare(text: string): Promise<Prepared> {
    const name = `tepat_${++named}`;
    const { messages } = await db.execProtocol(Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]));
    const statement = { name, types: parse.parseDescribeStatementResults(messages) };
    kept.set(text, statement);
    return statement;
  }

  async function run<Row>(text: string, params: readonly unknown[]): Promise<Row[]> {
    const statement = kept.get(text) ?? (await prepare(text));
    // As PGlite's own query: by the parameter's type, else as text; null stays NULL.
    const values = params.map((value, i) => {
      if (value == null) return null;
      const serializer = db.serializers[statement.types[i]!];
      return serializer ? (serializer(value) as string) : String(value);
    });
    const closing = toClose.splice(0).map((name) => serialize.close({ type: 'S', name }));
    const { messages } = await db.execProtocol(
      Buffer.concat([...closing, serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
    );
    return parse.parseResults(messages, db.parsers)[0]!.rows as Row[];
  }

  return {
    async query<Row>(text: string, params: readonly unknown[]) {
      await db._checkReady();
      // The locks PGlite's own query takes: after any open transaction, one statement at a time.
      return db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          try {
            return await run<Row>(text, params);
          } catch (error) {
            // Prepared before a migration changed its table: prepared again, once.
            if (!RESULT_TYPE_CHANGED.test((error as Error).message) || !kept.has(text)) throw error;
            kept.delete(text);
            return run<Row>(text, params);
          }
        }),
      );
    },
  };
}
