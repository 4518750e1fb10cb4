/**
 * The SQL steps of `analytics/sql/`, in file order, and the invariants that must hold
 * after them. Every statement takes the build's database as `{db:Identifier}`; nothing
 * is concatenated into SQL text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Engine, Params } from './engine.js';

export const SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

const INVARIANTS_FILE = '09_invariants.sql';

/**
 * A step's file name: two digits, optionally a letter for a step added between two others
 * (`08b_metric_cases.sql` runs after `08_…` and before `09_…`: `_` sorts before letters).
 */
export const STEP_FILE = /^\d\d[a-z]?_.+\.sql$/;

export interface Step {
  /** The file, e.g. `04_fact_eligibility.sql`. */
  file: string;
  statements: string[];
}

export interface Invariant {
  /** What must hold, from the `-- invariant:` comment above the query. */
  name: string;
  sql: string;
}

export interface InvariantBreach {
  invariant: string;
  /** Up to ten offending rows. */
  rows: unknown[];
}

/** The steps in run order, the invariants excluded. */
export function readSteps(dir = SQL_DIR): Step[] {
  return readdirSync(dir)
    .filter((file) => STEP_FILE.test(file) && file !== INVARIANTS_FILE)
    .sort()
    .map((file) => ({ file, statements: splitStatements(readFileSync(`${dir}/${file}`, 'utf8')) }));
}

export function readInvariants(dir = SQL_DIR): Invariant[] {
  const text = readFileSync(`${dir}/${INVARIANTS_FILE}`, 'utf8');
  return splitStatements(text).map((sql) => {
    const name = /^-- invariant: (.+)$/m.exec(sql)?.[1];
    if (!name) throw new Error(`${INVARIANTS_FILE}: every query needs a "-- invariant:" comment above it:\n${sql}`);
    return { name, sql };
  });
}

/**
 * Runs one step's statements against the build database, with the build's parameters
 * (`as_of`, the build's day) bound where a statement names them.
 */
export async function runStep(engine: Engine, db: string, step: Step, params: Params = {}): Promise<void> {
  for (const statement of step.statements) {
    try {
      await engine.command(statement, { ...params, db });
    } catch (error) {
      // ClickHouse repeats the whole statement in its message; the first lines say what broke.
      const message = (error as Error).message.replace(/ in scope [\s\S]*/, '').slice(0, 600);
      throw new Error(`analytics/sql/${step.file} failed: ${message}`, { cause: error });
    }
  }
}

/** The invariants that do not hold in the build database; empty when it may be served. */
export async function breachedInvariants(engine: Engine, db: string, dir = SQL_DIR): Promise<InvariantBreach[]> {
  const breaches: InvariantBreach[] = [];
  for (const invariant of readInvariants(dir)) {
    const rows = await engine.query(invariant.sql, { db });
    if (rows.length > 0) breaches.push({ invariant: invariant.name, rows });
  }
  return breaches;
}

/**
 * Statements end with a `;` at the end of a line. Comment lines stay with the statement
 * after them (the invariants' names live there); the `;` is dropped, since the client
 * sends one statement per request.
 */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    current.push(line);
    if (!line.trimStart().startsWith('--') && line.trimEnd().endsWith(';')) {
      current[current.length - 1] = line.trimEnd().slice(0, -1);
      statements.push(current.join('\n').trim());
      current = [];
    }
  }
  return statements.filter((s) => s.split('\n').some((line) => line.trim() !== '' && !line.trim().startsWith('--')));
}
