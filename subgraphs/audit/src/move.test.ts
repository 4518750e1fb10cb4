/**
 * The access log's move from eligibility's database to audit's (issue 21): same ids, same
 * positions and hashes, the chain going on from its head; a log that was tampered with, or an
 * audit log already written to, is left where it is.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { migrate, openDatabase, readMigrations, verifyChain, type Database } from '@tepat/subgraph-kit';
import { fileURLToPath } from 'node:url';
import { moveAccessLog } from './move.js';

const ELIGIBILITY = readMigrations(fileURLToPath(new URL('../../eligibility/prisma/migrations', import.meta.url)));
const MOVED = ELIGIBILITY.findIndex((m) => m.name.endsWith('_access_log_moved'));
const AUDIT = readMigrations(fileURLToPath(new URL('../prisma/migrations', import.meta.url)));

const read = (nik: string, operation = 'Person') =>
  `INSERT INTO access (caller_role, caller_subject, operation, root_fields, niks, kks, names, answered)
   VALUES ('OPERATOR', 'op-1', '${operation}', ARRAY['person'], ARRAY['${nik}'], ARRAY[]::text[], ARRAY['Kemal'], true)`;

let eligibility: Database;
let audit: Database;

/** An eligibility database from before the move with four logged reads, and a new audit database. */
beforeEach(async () => {
  [eligibility, audit] = await Promise.all([openDatabase({ memory: true }), openDatabase({ memory: true })]);
  await migrate(eligibility.sql, ELIGIBILITY.slice(0, MOVED));
  await eligibility.sql.query(read('5101011505800001'));
  await eligibility.sql.transaction(async (tx) => {
    await tx.query(read('5101015708850003'));
    await tx.query(read('5101010101100004', 'Family'));
  });
  await eligibility.sql.query(`INSERT INTO access (caller_role, operation, niks, answered) VALUES ('AUDITOR', 'Refused', NULL, false)`);
  await migrate(eligibility.sql, ELIGIBILITY);
  await migrate(audit.sql, AUDIT);
});
afterEach(async () => {
  await Promise.all([eligibility?.close(), audit?.close()]);
});

const legacyHead = () => eligibility.sql.query<{ seq: string; hash: string }>(`SELECT seq::text AS seq, hash FROM log_chain_head WHERE log = 'access'`);

describe('moveAccessLog', () => {
  it('moves the log with its ids, positions and hashes, drops it from eligibility, and the chain goes on', async () => {
    const [head] = await legacyHead();
    const before = await eligibility.sql.query(`SELECT id::text, chain_seq::text, hash, niks FROM access_before_audit ORDER BY id`);

    expect(await moveAccessLog(eligibility.sql, audit.sql)).toEqual({ moved: true, rows: 4, head });

    expect(await audit.sql.query(`SELECT id::text, chain_seq::text, hash, niks FROM access ORDER BY id`)).toEqual(before);
    expect(await verifyChain(audit.sql, 'access')).toMatchObject({ rows: 4, head, broken: null });
    expect(await eligibility.sql.query(`SELECT to_regclass('access_before_audit') AS t`)).toEqual([{ t: null }]);
    expect(await legacyHead()).toEqual([]);

    await audit.sql.query(read('5101011505800001', 'After'));
    expect(await audit.sql.query(`SELECT id::text, chain_seq::text FROM access WHERE operation = 'After'`)).toEqual([{ id: '5', chain_seq: '5' }]);
    expect(await verifyChain(audit.sql, 'access')).toMatchObject({ rows: 5, head: { seq: '5' }, broken: null });
    expect(await moveAccessLog(eligibility.sql, audit.sql)).toEqual({ moved: false, reason: 'NOTHING_TO_MOVE' });
  });

  it('refuses a log whose rows were altered around its triggers, and copies nothing', async () => {
    await eligibility.sql.exec(`ALTER TABLE access_before_audit DISABLE TRIGGER USER;
      UPDATE access_before_audit SET niks = ARRAY['5101019999990001'] WHERE id = 2;
      ALTER TABLE access_before_audit ENABLE TRIGGER USER;`);

    await expect(moveAccessLog(eligibility.sql, audit.sql)).rejects.toThrow(/altered or cut, and is left where it is/);
    expect(await audit.sql.query(`SELECT count(*)::int AS n FROM access`)).toEqual([{ n: 0 }]);
    expect(await eligibility.sql.query(`SELECT count(*)::int AS n FROM access_before_audit`)).toEqual([{ n: 4 }]);
  });

  it('refuses a log with rows written around its chain', async () => {
    await eligibility.sql.exec(`ALTER TABLE access_before_audit DISABLE TRIGGER USER;
      INSERT INTO access_before_audit (caller_role, operation, niks) VALUES ('ADMIN', 'Slipped in', ARRAY['5101011505800001']);
      ALTER TABLE access_before_audit ENABLE TRIGGER USER;`);
    await expect(moveAccessLog(eligibility.sql, audit.sql)).rejects.toThrow(/1 rows .* written around its chain/);
  });

  it('leaves the older log where it is when the audit log was written to first', async () => {
    await audit.sql.query(read('5101011505800001', 'Newer'));
    await expect(moveAccessLog(eligibility.sql, audit.sql)).rejects.toThrow(/already holds 1 rows written since/);
    expect(await eligibility.sql.query(`SELECT count(*)::int AS n FROM access_before_audit`)).toEqual([{ n: 4 }]);
  });
});
