/**
 * The hash chains on a database that already held logs: the migration links the rows written
 * before it in the order they were written, and new rows go on from its head.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, readMigrations, type Database } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { verifyChain, type Query } from './log-chain.js';

const MIGRATIONS = readMigrations(fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
const CHAIN = MIGRATIONS.findIndex((m) => m.name.endsWith('_log_hash_chain'));

let db: Database;
let query: Query;

beforeAll(async () => {
  db = await openDatabase({ memory: true });
  query = (text, params) => db.sql.query(text, params);
  await migrate(db.sql, MIGRATIONS.slice(0, CHAIN));
  for (const nik of ['5101011505800001', '5101015708850003', '5101011505800001']) {
    await db.sql.query(
      `INSERT INTO decision (caller_role, nik, rule_set, rule_set_version, as_of, decision, checks) VALUES ('ADMIN', $1, 'IBAN', 1, '2026-01-01', 'INELIGIBLE', '[]')`,
      [nik],
    );
  }
  await db.sql.query(`INSERT INTO access (caller_role, operation, niks) VALUES ('AUDITOR', 'Before', ARRAY['5101011505800001'])`);
  await migrate(db.sql, MIGRATIONS);
});
afterAll(() => db?.close());

describe('the log_hash_chain migration', () => {
  it('links the rows written before it, in order, so each chain verifies', async () => {
    const decisions = await verifyChain(query, 'decision');
    expect(decisions).toMatchObject({ rows: 3, head: { seq: '3' }, broken: null });
    expect(await verifyChain(query, 'access')).toMatchObject({ rows: 1, head: { seq: '1' }, broken: null });
    const seqs = await db.sql.query<{ id: string; seq: string }>(`SELECT id::text, chain_seq::text AS seq FROM decision ORDER BY id`);
    expect(seqs.map((r) => r.seq)).toEqual(['1', '2', '3']);
  });

  it('goes on from the head with every insert, several rows in one statement included', async () => {
    await db.sql.query(
      `INSERT INTO decision (caller_role, nik, rule_set, rule_set_version, as_of, decision, checks)
       SELECT 'ADMIN', nik, 'IBAN', 1, '2026-01-02', 'ELIGIBLE', '[]' FROM unnest(ARRAY['5101011505800001', '5101015708850003']) AS nik`,
    );
    expect(await verifyChain(query, 'decision')).toMatchObject({ rows: 5, head: { seq: '5' }, broken: null });
  });

  it('carries the head from statement to statement inside one transaction, and across writers', async () => {
    const one = (nik: string) =>
      `INSERT INTO access (caller_role, operation, niks) VALUES ('OPERATOR', 'Tx', ARRAY['${nik}'])`;
    await db.sql.transaction(async (tx) => {
      await tx.query(one('5101011505800001'));
      await tx.query(one('5101015708850003'));
    });
    await Promise.all(['5101011505800001', '5101015708850003', '5101010101100004'].map((nik) => db.sql.query(one(nik))));
    expect(await verifyChain(query, 'access')).toMatchObject({ rows: 6, head: { seq: '6' }, broken: null });
    // A statement that fails takes its links with it: the head stays where the log is.
    await expect(db.sql.query(`INSERT INTO access (caller_role, operation, niks) VALUES ('OPERATOR', NULL, ARRAY['1'])`)).rejects.toThrow();
    expect(await verifyChain(query, 'access')).toMatchObject({ rows: 6, head: { seq: '6' }, broken: null });
  });
});
