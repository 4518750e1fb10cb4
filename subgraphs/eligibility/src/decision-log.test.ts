/**
 * The decision log's group commit (issue 20) on the real table, chain trigger included:
 * requests arriving together share statements yet each gets its own receipts in its own
 * order, every row is in the verified chain before its request answers, and a request whose
 * rows cannot be written fails alone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import { migrate, openDatabase, readMigrations, verifyChain, type Database, type Sql } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { DecisionLog } from './decision-log.js';

let db: Database;
/** The database as the log sees it, counting its statements. */
let sql: Pick<Sql, 'query'>;
let statements: number;

const ADMIN: Caller = { role: 'ADMIN', subject: 'admin@test' } as Caller;
const OPERATOR: Caller = { role: 'OPERATOR', subject: 'op@test', region: '51.01' } as Caller;

const decision = (nik: string, asOf = '2026-10-31'): EligibilityResult =>
  ({
    nik,
    ruleSet: 'IBAN',
    ruleSetVersion: 1,
    program: 'BANSOS_JEMBRANA',
    asOf,
    decision: 'INELIGIBLE',
    checks: [{ code: 'VACCINATED', outcome: 'FAIL', reason: 'no dose recorded', evidence: null }],
  }) as unknown as EligibilityResult;

const nik = (i: number) => String(5101010000000000 + i);

beforeAll(async () => {
  db = await openDatabase({ memory: true });
  await migrate(db.sql, readMigrations(fileURLToPath(new URL('../prisma/migrations', import.meta.url))));
  sql = {
    query: (text, params) => {
      statements++;
      return db.sql.query(text, params);
    },
  };
});
afterAll(async () => {
  await db?.close();
});
beforeEach(() => {
  statements = 0;
});

async function rowsOf(niks: string[]) {
  return db.sql.query<{ nik: string; hash: string; caller_role: string; caller_subject: string | null }>(
    `SELECT nik, hash, caller_role, caller_subject FROM decision WHERE nik = ANY($1) ORDER BY chain_seq`,
    [niks],
  );
}

describe('group commit', () => {
  it('writes requests arriving together in fewer statements, each answered with its own receipts in order', async () => {
    const log = new DecisionLog(sql);
    const requests = Array.from({ length: 24 }, (_, i) => ({
      caller: i % 2 ? ADMIN : OPERATOR,
      niks: i % 3 === 0 ? [nik(100 + i * 3), nik(101 + i * 3), nik(102 + i * 3)] : [nik(100 + i * 3)],
    }));
    const receipts = await Promise.all(requests.map((r) => log.record(r.caller, r.niks.map((n) => decision(n)))));

    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThan(requests.length);
    for (const [i, request] of requests.entries()) {
      const rows = await rowsOf(request.niks);
      expect(rows.map((r) => r.nik)).toEqual(request.niks);
      expect(receipts[i]).toEqual(rows.map((r) => r.hash));
      expect(rows.every((r) => r.caller_role === request.caller.role && r.caller_subject === request.caller.subject)).toBe(true);
    }
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ broken: null });
  });

  it('answers a lone request with one statement of its own', async () => {
    const log = new DecisionLog(sql);
    const [receipt] = await log.record(ADMIN, [decision(nik(500))]);
    expect(statements).toBe(1);
    expect((await rowsOf([nik(500)]))[0]!.hash).toBe(receipt);
    expect(await log.record(ADMIN, [])).toEqual([]);
    expect(statements).toBe(1);
  });

  it('fails only the request whose rows cannot be written; the others are written once', async () => {
    const log = new DecisionLog(sql);
    const before = (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM decision`))[0]!.n;
    const outcomes = await Promise.allSettled([
      log.record(ADMIN, [decision(nik(600))]),
      log.record(ADMIN, [decision(nik(601), 'not a date')]),
      log.record(OPERATOR, [decision(nik(602)), decision(nik(603))]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await rowsOf([nik(600), nik(601), nik(602), nik(603)])).map((r) => r.nik)).toEqual([nik(600), nik(602), nik(603)]);
    expect((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM decision`))[0]!.n).toBe(before + 3);
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ broken: null });
  });
});
