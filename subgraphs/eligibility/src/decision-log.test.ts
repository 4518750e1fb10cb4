/**
 * The decision log's group commit (issue 20) on the real table, chain trigger included:
 * requests arriving together share statements yet each gets its own receipts in its own
 * order, every row is in the verified chain before its request answers, and a request whose
 * rows cannot be written fails alone. A batch is one row of the same chain, read back
 * decision by decision.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Caller } from '@tepat/auth';
import type { EligibilityResult } from '@tepat/rules';
import { migrate, openDatabase, readMigrations, verifyChain, type Database, type Sql } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { DecisionLog } from './decision-log.js';
import { findDecisions } from './decision-records.js';
import { rederiveDecisions } from './rederive-log.js';

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

describe('batch rows', () => {
  // Each decision's checks its own (the reason names its position), so a decision read back with another's checks shows.
  const batch = [nik(700), nik(701), nik(700), nik(702)].map(
    (n, i) =>
      ({
        ...decision(n),
        decision: i === 1 ? 'ELIGIBLE' : 'INELIGIBLE',
        checks: [{ code: 'VACCINATED', outcome: 'FAIL', reason: `no dose recorded (decision ${i + 1})`, evidence: null }],
      }) as unknown as EligibilityResult,
  );
  const checksAt = (id: string) => batch[Number(id.split(':')[1]) - 1]!.checks;

  it('writes a batch as one linked row whose receipt every decision carries, read back in order by decisions(...)', async () => {
    const log = new DecisionLog(sql);
    const single = await log.record(ADMIN, [decision(nik(700))]);
    const receipt = await log.recordBatch(OPERATOR, batch);
    expect(statements).toBe(2);
    const [row] = await db.sql.query<{ id: string; niks: string[]; chain_seq: string; hash: string }>(
      `SELECT id::text, niks, chain_seq::text, hash FROM decision_batch WHERE hash = $1`,
      [receipt],
    );
    expect(row!.niks).toEqual(batch.map((d) => d.nik));
    // One chain, one sequence of ids: the batch row follows the single row it came after.
    const [singleRow] = await db.sql.query<{ id: string; chain_seq: string }>(`SELECT id::text, chain_seq::text FROM decision WHERE hash = $1`, single);
    expect(BigInt(row!.chain_seq)).toBe(BigInt(singleRow!.chain_seq) + 1n);
    expect(BigInt(row!.id)).toBeGreaterThan(BigInt(singleRow!.id));
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ broken: null });

    const all = await findDecisions(db.sql, { nik: nik(700), decidedAt: {} }, 10);
    expect(all.map((d) => [d.id, d.callerRole, d.receipt])).toEqual([
      [`${row!.id}:3`, 'OPERATOR', receipt],
      [`${row!.id}:1`, 'OPERATOR', receipt],
      [singleRow!.id, 'ADMIN', single[0]],
    ]);
    expect(all[0]).toMatchObject({ ruleSet: 'IBAN', ruleSetVersion: 1, program: 'BANSOS_JEMBRANA', asOf: '2026-10-31', checks: batch[2]!.checks });
    const whole = await findDecisions(db.sql, { receipt, decidedAt: {} }, 10);
    expect(whole.map((d) => d.nik)).toEqual([nik(702), nik(700), nik(701), nik(700)]);
    for (const d of [...whole, ...all.slice(0, 2)]) expect(d.checks).toEqual(checksAt(d.id));
    expect((await findDecisions(db.sql, { receipt, decision: 'ELIGIBLE', decidedAt: {} }, 10)).map((d) => d.id)).toEqual([`${row!.id}:2`]);
    expect((await findDecisions(db.sql, { decidedAt: {} }, 2)).map((d) => d.id)).toEqual([`${row!.id}:4`, `${row!.id}:3`]);
    expect(await findDecisions(db.sql, { receipt, decidedAt: { lt: new Date('2020-01-01') } }, 10)).toEqual([]);

    const again = await rederiveDecisions(db.sql);
    expect(again.checked).toBe((await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM decision`))[0]!.n + batch.length);
  });

  it('refuses a batch mixing questions, and any change to a batch row; an altered one breaks the chain', async () => {
    const log = new DecisionLog(sql);
    await expect(log.recordBatch(ADMIN, [decision(nik(800)), decision(nik(801), '2026-11-01')])).rejects.toThrow(/one question/);
    await expect(log.recordBatch(ADMIN, [])).rejects.toThrow(/at least one/);
    const receipt = await log.recordBatch(ADMIN, [decision(nik(802))]);
    await expect(db.sql.query(`UPDATE decision_batch SET decisions = ARRAY['ELIGIBLE'] WHERE hash = $1`, [receipt])).rejects.toThrow(/append-only/);
    await expect(db.sql.query(`INSERT INTO decision_batch (caller_role, rule_set, rule_set_version, as_of, niks, decisions, checks) VALUES ('ADMIN', 'IBAN', 1, '2026-10-31', ARRAY['${nik(803)}'], ARRAY[]::text[], '[[]]')`)).rejects.toThrow(/side_by_side/);

    await db.sql.query(`ALTER TABLE decision_batch DISABLE TRIGGER decision_batch_append_only`);
    try {
      await db.sql.query(`UPDATE decision_batch SET decisions = ARRAY['ELIGIBLE'] WHERE hash = $1`, [receipt]);
      const [{ id }] = await db.sql.query<{ id: string }>(`SELECT id::text FROM decision_batch WHERE hash = $1`, [receipt]);
      expect((await verifyChain(db.sql, 'decision')).broken).toMatchObject({ problem: 'ALTERED', id });
      await db.sql.query(`UPDATE decision_batch SET decisions = ARRAY['INELIGIBLE'] WHERE hash = $1`, [receipt]);
      expect((await verifyChain(db.sql, 'decision')).broken).toBeNull();
    } finally {
      await db.sql.query(`ALTER TABLE decision_batch ENABLE TRIGGER decision_batch_append_only`);
    }
  });
});
