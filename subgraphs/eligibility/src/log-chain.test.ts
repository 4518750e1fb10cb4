/**
 * The decision log's hash chain on a database that already held decisions: the migration
 * links the rows written before it in the order they were written, and new rows go on from
 * its head. (The access log's chain lives in the audit service now: subgraphs/audit.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, readMigrations, verifyChain, type Database } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';

const MIGRATIONS = readMigrations(fileURLToPath(new URL('../prisma/migrations', import.meta.url)));
const CHAIN = MIGRATIONS.findIndex((m) => m.name.endsWith('_log_hash_chain'));

let db: Database;

const decide = (nik: string) =>
  `INSERT INTO decision (caller_role, nik, rule_set, rule_set_version, as_of, decision, checks) VALUES ('ADMIN', '${nik}', 'IBAN', 1, '2026-01-01', 'INELIGIBLE', '[]')`;

beforeAll(async () => {
  db = await openDatabase({ memory: true });
  await migrate(db.sql, MIGRATIONS.slice(0, CHAIN));
  for (const nik of ['5101011505800001', '5101015708850003', '5101011505800001']) await db.sql.query(decide(nik));
  await migrate(db.sql, MIGRATIONS);
});
afterAll(() => db?.close());

describe('the log_hash_chain migration', () => {
  it('links the rows written before it, in order, so the chain verifies', async () => {
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ rows: 3, head: { seq: '3' }, broken: null });
    const seqs = await db.sql.query<{ id: string; seq: string }>(`SELECT id::text, chain_seq::text AS seq FROM decision ORDER BY id`);
    expect(seqs.map((r) => r.seq)).toEqual(['1', '2', '3']);
  });

  it('goes on from the head with every insert, several rows in one statement included', async () => {
    await db.sql.query(
      `INSERT INTO decision (caller_role, nik, rule_set, rule_set_version, as_of, decision, checks)
       SELECT 'ADMIN', nik, 'IBAN', 1, '2026-01-02', 'ELIGIBLE', '[]' FROM unnest(ARRAY['5101011505800001', '5101015708850003']) AS nik`,
    );
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ rows: 5, head: { seq: '5' }, broken: null });
  });

  it('carries the head from statement to statement inside one transaction, and across writers', async () => {
    await db.sql.transaction(async (tx) => {
      await tx.query(decide('5101011505800001'));
      await tx.query(decide('5101015708850003'));
    });
    await Promise.all(['5101011505800001', '5101015708850003', '5101010101100004'].map((nik) => db.sql.query(decide(nik))));
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ rows: 10, head: { seq: '10' }, broken: null });
    // A statement that fails takes its links with it: the head stays where the log is.
    await expect(db.sql.query(decide('5101011505800001').replace("'ADMIN'", 'NULL'))).rejects.toThrow();
    expect(await verifyChain(db.sql, 'decision')).toMatchObject({ rows: 10, head: { seq: '10' }, broken: null });
  });
});

describe('the access_log_moved migration', () => {
  it('drops an empty access log from this database with its chain head', async () => {
    expect(await db.sql.query(`SELECT to_regclass('access_before_audit') AS t, to_regclass('access') AS a`)).toEqual([{ t: null, a: null }]);
    expect(await db.sql.query(`SELECT log FROM log_chain_head`)).toEqual([{ log: 'decision' }]);
  });
});
