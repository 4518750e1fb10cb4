/**
 * Statements on an embedded database prepared once and kept, by their text, as postgres.js
 * and node-postgres's named queries do on a server. PGlite's own `query` parses, analyses
 * and plans every statement anew, in five calls into its WebAssembly, and planning reads the
 * size of every index of the table from the file system (an `fstat` each): population's
 * person table, with a name index per province, took 43 of them per look-up of one NIK
 * (bench/README.md, "Measured choices"). A kept statement is bound and run in one call;
 * PostgreSQL still chooses per execution between a plan for the values given and the one
 * plan it keeps (`plan_cache_mode`), so a statement whose best plan depends on its values
 * keeps getting that plan. A look-up by key, whose plan is the same for any keys, asks for
 * the kept plan (`plan: 'generic'`), and is then planned once: PostgreSQL would otherwise plan
 * `nik = ANY($1)` for each call, finding its one-NIK plan cheaper than one for any array.
 *
 * Written against PGlite's protocol surface (`execProtocol`, `protocol.serialize`,
 * `parse.parseResults`) and its own locks, as its `query` and `describeQuery` are: no
 * library offers this for PGlite, whose `query` takes no statement name.
 */
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { LRUCache } from 'lru-cache';
import type { QueryOptions } from './sql.js';

const { serialize } = protocol;

/** Statements kept per database at most; the least recently used one is closed past it. */
const MAX_STATEMENTS = 256;

/** Set around a statement that asks for its kept plan, in the same call. */
const GENERIC_PLAN = 'SET plan_cache_mode = force_generic_plan';
const CHOSEN_PLAN = 'RESET plan_cache_mode';

/** What PostgreSQL says when a kept statement's result columns changed under it (a migration). */
const RESULT_TYPE_CHANGED = /cached plan must not change result type/;

interface Prepared {
  name: string;
  /** Each parameter's type, as PostgreSQL inferred it, for PGlite's serializers. */
  types: number[];
}

export interface PreparedStatements {
  /** The rows of one statement with bound parameters ($1, $2, ...), prepared the first time its text is seen. */
  query<Row>(text: string, params: readonly unknown[], options?: QueryOptions): Promise<Row[]>;
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

  const statementOf = async (text: string) => kept.get(text) ?? (await prepare(text));

  async function run<Row>(text: string, params: readonly unknown[], options: QueryOptions): Promise<Row[]> {
    const statement = await statementOf(text);
    // As PGlite's own query: by the parameter's type, else as text; null stays NULL.
    const values = params.map((value, i) => {
      if (value == null) return null;
      const serializer = db.serializers[statement.types[i]!];
      return serializer ? (serializer(value) as string) : String(value);
    });
    const bound = [serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()];
    let messages: Uint8Array[] = bound;
    if (options.plan === 'generic') {
      const [generic, chosen] = [await statementOf(GENERIC_PLAN), await statementOf(CHOSEN_PLAN)];
      const setting = (name: string) => [serialize.bind({ statement: name }), serialize.execute({})];
      // The reset comes after the statement's Sync, so it runs even when the statement fails.
      messages = [...setting(generic.name), ...bound, ...setting(chosen.name), serialize.sync()];
    }
    const closing = toClose.splice(0).map((name) => serialize.close({ type: 'S', name }));
    const answer = await db.execProtocol(Buffer.concat([...closing, ...messages]));
    const results = parse.parseResults(answer.messages, db.parsers);
    return results[options.plan === 'generic' ? 1 : 0]!.rows as Row[];
  }

  return {
    async query<Row>(text: string, params: readonly unknown[], options: QueryOptions = {}) {
      await db._checkReady();
      // The locks PGlite's own query takes: after any open transaction, one statement at a time.
      return db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          try {
            return await run<Row>(text, params, options);
          } catch (error) {
            // Prepared before a migration changed its table: prepared again, once.
            if (!RESULT_TYPE_CHANGED.test((error as Error).message) || !kept.has(text)) throw error;
            kept.delete(text);
            return run<Row>(text, params, options);
          }
        }),
      );
    },
  };
}
