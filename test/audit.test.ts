/**
 * Logs an auditor can prove (issue 21): the decision log (eligibility's database) and the
 * access log (audit's) are hash-chained by the database, each decision answers with its receipt, and verification names the first row
 * altered, inserted or removed directly in the database (around the append-only triggers),
 * and a chain cut back behind a published anchor.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rederiveDecisions } from '@tepat/eligibility';
import { anchorDays, readAnchors, verifyChain, type ChainedLog, type ChainReport, type Sql } from '@tepat/subgraph-kit';
import { todayInJakarta } from '@tepat/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csv, startFederatedHub, type As, type FederatedHub } from './support/federated-hub.js';

let hub: FederatedHub;
/** Eligibility's database (the decision log) and audit's (the access log). */
let sql: Sql;
let auditSql: Sql;
const dir = mkdtempSync(join(tmpdir(), 'tepat-audit-'));

const BUDI = '3510010404800001';
const SITI = '3510014505820002';
const KK = '3510010101100001';
const ADMIN: As = { role: 'ADMIN', subject: 'admin' };
const OPERATOR: As = { role: 'OPERATOR', region: '35.10', subject: 'operator', purpose: 'verifikasi' };

const DECIDE = 'query ($niks: [String!]!) { eligibilityBatch(niks: $niks, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision receipt } }';
const DECIDE_ONE = 'query ($nik: String!) { eligibility(nik: $nik, ruleSet: "DTKS", asOf: "2025-06-30") { nik decision receipt } }';

beforeAll(async () => {
  hub = await startFederatedHub();
  sql = hub.subgraphs.eligibility.db.sql;
  auditSql = hub.subgraphs.audit.db.sql;
  await hub.load({
    'population/persons.csv': csv([
      'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date',
      `${BUDI},${KK},Budi Santoso,L,1980-04-04,HEAD,35.10.01.2001,`,
      `${SITI},${KK},Siti Aminah,P,1982-05-05,SPOUSE,35.10.01.2001,`,
    ]),
    'dtks/members.csv': csv(['nik,kk,decile,status,status_reason,updated_on', `${BUDI},${KK},2,ACTIVE,,2024-01-01`]),
  });
  // Some history in both logs: decisions one by one (positions 1 to 6) and in batches (7 to 9), and operators' reads.
  for (let i = 0; i < 3; i++) for (const nik of [BUDI, SITI]) await hub.query(DECIDE_ONE, { nik }, ADMIN);
  for (let i = 0; i < 3; i++) await hub.query(DECIDE, { niks: [BUDI, SITI] }, ADMIN);
  for (let i = 0; i < 3; i++) await hub.query(`{ person(nik: "${BUDI}") { fullName } }`, {}, OPERATOR);
}, 300_000);
afterAll(async () => {
  await hub?.close();
  rmSync(dir, { recursive: true, force: true });
});

const verify = (log: ChainedLog, anchorsFile?: string): Promise<ChainReport> =>
  verifyChain(log === 'decision' ? sql : auditSql, log, anchorsFile ? readAnchors(anchorsFile) : []);

/** Runs statements around every trigger, as someone with the database's own rights could (eligibility's, unless `on` says). */
const tamper = (...statements: [string, unknown[]?][]) => tamperWith(sql, ...statements);
const tamperWith = (on: Sql, ...statements: [string, unknown[]?][]) =>
  on.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`);
    for (const [text, params] of statements) await tx.query(text, params ?? []);
  });

/** The decision log's link at a position: a single decision's row or a batch row. */
const rowAt = async (seq: number) => {
  for (const table of ['decision', 'decision_batch']) {
    const [found] = await sql.query<{ id: string; row: Record<string, unknown> }>(`SELECT id::text, row_to_json(d) AS row FROM ${table} d WHERE chain_seq = $1`, [seq]);
    if (found) return { ...found, table };
  }
  throw new Error(`No link at position ${seq}.`);
};
const putBack = ({ table, row }: { table: string; row: Record<string, unknown> }) =>
  tamper([`INSERT INTO ${table} SELECT * FROM json_populate_record(null::${table}, $1::json)`, [JSON.stringify(row)]]);
const lastLink = async () => (await sql.query<{ last: number }>(`SELECT seq::int AS last FROM log_chain_head WHERE log = 'decision'`))[0]!.last;

describe('receipts', () => {
  it('every decision answers with the hash of its own row, and the log finds it by receipt', async () => {
    for (const nik of [SITI, BUDI]) {
      const { receipt } = (await hub.query(DECIDE_ONE, { nik }, ADMIN)).data.eligibility;
      expect(receipt).toMatch(/^[0-9a-f]{64}$/);
      const found = await hub.query(`{ decisions(receipt: "${receipt}") { nik receipt } }`, {}, ADMIN);
      expect(found.data.decisions).toEqual([{ nik, receipt }]);
    }
    // A batch's decisions are one row: they share its receipt, and the log gives them back in the order asked.
    const res = await hub.query(DECIDE, { niks: [SITI, BUDI, SITI] }, ADMIN);
    const results: { nik: string; decision: string; receipt: string }[] = res.data.eligibilityBatch;
    const [{ receipt }] = results;
    expect(receipt).toMatch(/^[0-9a-f]{64}$/);
    expect(results.every((r) => r.receipt === receipt)).toBe(true);
    const found = await hub.query(`{ decisions(receipt: "${receipt}") { id nik decision receipt } }`, {}, ADMIN);
    expect([...found.data.decisions].reverse()).toEqual(results.map((r, i) => ({ ...r, id: expect.stringMatching(new RegExp(`^\\d+:${i + 1}$`)) })));
    const one = await hub.query(`{ decisions(receipt: "${receipt}", nik: "${BUDI}") { nik decision receipt } }`, {}, ADMIN);
    expect(one.data.decisions).toEqual([results[1]]);
    expect((await hub.query('{ decisions(receipt: "abc") { nik } }', {}, ADMIN)).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'receipt' });
  });
});

describe('verification', () => {
  it('finds both chains intact, through the hub as well', async () => {
    for (const log of ['decision', 'access'] as const) expect((await verify(log)).broken).toBeNull();
    const chain = 'log rows intact broken { problem }';
    const res = await hub.query(`{ decisionLogChain { ${chain} } accessLogChain { ${chain} } }`, {}, { role: 'AUDITOR', subject: 'auditor' });
    expect(res.data).toEqual({
      decisionLogChain: { log: 'decision', rows: expect.any(Number), intact: true, broken: null },
      accessLogChain: { log: 'access', rows: expect.any(Number), intact: true, broken: null },
    });
    expect(res.data.decisionLogChain.rows).toBeGreaterThanOrEqual(9);
    expect(res.data.accessLogChain.rows).toBeGreaterThanOrEqual(3);
  });

  it('names a row whose content was altered', async () => {
    const { id, row } = await rowAt(2);
    await tamper([`UPDATE decision SET decision = 'ELIGIBLE' WHERE id = $1`, [id]]);
    expect((await verify('decision')).broken).toMatchObject({ problem: 'ALTERED', id, seq: '2' });
    await tamper([`UPDATE decision SET decision = $2 WHERE id = $1`, [id, row.decision]]);
    expect((await verify('decision')).broken).toBeNull();
  });

  it('names the row after one that was rewritten with a fresh hash', async () => {
    const { id, row } = await rowAt(2);
    const next = await rowAt(3);
    await tamper([
      `UPDATE decision SET decision = 'ELIGIBLE' WHERE id = $1`,
      [id],
    ], [
      `UPDATE decision d SET hash = encode(sha256(convert_to(d.prev_hash || decision_content(d), 'UTF8')), 'hex') WHERE id = $1`,
      [id],
    ]);
    expect((await verify('decision')).broken).toMatchObject({ problem: 'RELINKED', id: next.id });
    await tamper([`UPDATE decision SET decision = $2, hash = $3 WHERE id = $1`, [id, row.decision, row.hash]]);
    expect((await verify('decision')).broken).toBeNull();
  });

  it('names the row after one that was removed, and a removed last row', async () => {
    const middle = await rowAt(3);
    const after = await rowAt(4);
    await tamper([`DELETE FROM decision WHERE id = $1`, [middle.id]]);
    expect((await verify('decision')).broken).toMatchObject({ problem: 'REMOVED', id: after.id, message: expect.stringContaining('positions 3 to 3') });
    await putBack(middle);
    expect((await verify('decision')).broken).toBeNull();

    const tail = await rowAt(await lastLink());
    expect(tail.table).toBe('decision_batch');
    await tamper([`DELETE FROM decision_batch WHERE id = $1`, [tail.id]]);
    expect((await verify('decision')).broken).toMatchObject({ problem: 'REMOVED', id: null });
    await putBack(tail);
    expect((await verify('decision')).broken).toBeNull();
  });

  it('names a row slipped in around the log, linked or not', async () => {
    // An insert through the front door is linked by the trigger, whoever writes it: the chain holds.
    const [honest] = await auditSql.query<{ hash: string | null }>(
      `INSERT INTO access (caller_role, operation, niks) VALUES ('AUDITOR', 'direct', ARRAY['${BUDI}']) RETURNING hash`,
    );
    expect(honest!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verify('access')).broken).toBeNull();

    await tamperWith(auditSql, [`INSERT INTO access (caller_role, operation, niks) VALUES ('AUDITOR', 'forged', ARRAY['${SITI}'])`]);
    const forged = await verify('access');
    expect(forged.broken).toMatchObject({ problem: 'INSERTED' });
    await tamperWith(auditSql, [`DELETE FROM access WHERE chain_seq IS NULL`]);

    // A forger who links the row properly still cannot move the head: the row lies beyond it.
    await tamperWith(auditSql, [
      `INSERT INTO access (caller_role, operation, niks, chain_seq, prev_hash, hash)
       SELECT 'AUDITOR', 'forged', ARRAY['${SITI}'], h.seq + 1, h.hash, repeat('a', 64) FROM log_chain_head h WHERE h.log = 'access'`,
    ]);
    expect((await verify('access')).broken).toMatchObject({ problem: 'INSERTED' });
    await tamperWith(auditSql, [`DELETE FROM access WHERE operation = 'forged' AND chain_seq > (SELECT seq FROM log_chain_head WHERE log = 'access')`]);
    expect((await verify('access')).broken).toBeNull();
  });

  it('checks the chain against published anchors: a chain cut back and its head moved is caught', async () => {
    const file = join(dir, 'anchors.jsonl');
    // Each service anchors its own log into the one file.
    const anchor = async () => [
      ...(await anchorDays(sql, ['decision'], file, todayInJakarta())),
      ...(await anchorDays(auditSql, ['access'], file, todayInJakarta())),
    ];
    const written = await anchor();
    expect(written.map((a) => a.log)).toEqual(['decision', 'access']);
    expect(readAnchors(file).map((a) => a.log)).toEqual(['decision', 'access']);
    expect(await anchor()).toEqual([]);
    expect((await verify('access', file)).anchorsChecked).toBe(1);
    expect((await verify('decision', file)).anchorsChecked).toBe(1);
    expect((await verify('decision', file)).broken).toBeNull();

    const last = await lastLink();
    const tail = await rowAt(last);
    const before = await rowAt(last - 1);
    await tamper(
      [`DELETE FROM ${tail.table} WHERE id = $1`, [tail.id]],
      [`UPDATE log_chain_head SET seq = $1, hash = $2 WHERE log = 'decision'`, [last - 1, before.row.hash]],
    );
    expect((await verify('decision')).broken).toBeNull();
    expect((await verify('decision', file)).broken).toMatchObject({ problem: 'ANCHOR', seq: String(last) });
    await putBack(tail);
    await tamper([`UPDATE log_chain_head SET seq = $1, hash = $2 WHERE log = 'decision'`, [last, tail.row.hash]]);
    expect((await verify('decision', file)).broken).toBeNull();
  });

  it('the logs still refuse changes made through the front door', async () => {
    await expect(sql.query(`UPDATE decision SET decision = 'ELIGIBLE'`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`DELETE FROM decision_batch`)).rejects.toThrow(/append-only/);
    await expect(auditSql.query(`DELETE FROM access`)).rejects.toThrow(/append-only/);
  });
});

describe('rederive', () => {
  it('decides every stored decision again from its evidence, and names one whose outcome does not follow from it', async () => {
    const honest = await rederiveDecisions(sql);
    expect(honest).toMatchObject({ differing: 0, examples: [] });
    expect(honest.checked).toBeGreaterThanOrEqual(12);
    // Page by page (ids past 9 sort before 2 as text: pages follow the number).
    const [{ total }] = await sql.query<{ total: number }>(
      `SELECT ((SELECT count(*) FROM decision) + (SELECT coalesce(sum(cardinality(niks)), 0) FROM decision_batch))::int AS total`,
    );
    expect(honest.checked).toBe(total);
    expect((await rederiveDecisions(sql, {}, 4)).checked).toBe(total);

    // Siti is not in DTKS: a row saying she is eligible under DTKS, with her own failing checks.
    const [siti] = await sql.query<{ row: Record<string, unknown> }>(
      `SELECT row_to_json(d) AS row FROM decision d WHERE nik = $1 AND decision = 'INELIGIBLE' ORDER BY id LIMIT 1`,
      [SITI],
    );
    const forged = { ...siti!.row, id: 1_000_000, decision: 'ELIGIBLE', chain_seq: null, prev_hash: null, hash: null };
    // And a batch row of Budi and Siti saying the same of her, its second decision.
    const [batch] = await sql.query<{ row: Record<string, unknown> & { niks: string[]; decisions: string[] } }>(
      `SELECT row_to_json(b) AS row FROM decision_batch b WHERE niks = ARRAY[$1, $2]::varchar(16)[] ORDER BY id LIMIT 1`,
      [BUDI, SITI],
    );
    const forgedBatch = { ...batch!.row, id: 1_000_001, decisions: [batch!.row.decisions[0], 'ELIGIBLE'], chain_seq: null, prev_hash: null, hash: null };
    await tamper(
      [`INSERT INTO decision SELECT * FROM json_populate_record(null::decision, $1::json)`, [JSON.stringify(forged)]],
      [`INSERT INTO decision_batch SELECT * FROM json_populate_record(null::decision_batch, $1::json)`, [JSON.stringify(forgedBatch)]],
    );
    try {
      const report = await rederiveDecisions(sql, { from: todayInJakarta(), to: todayInJakarta() });
      expect(report).toMatchObject({
        differing: 2,
        examples: [
          { id: '1000000', ruleSet: 'DTKS', stored: 'ELIGIBLE', again: 'INELIGIBLE' },
          { id: '1000001:2', ruleSet: 'DTKS', stored: 'ELIGIBLE', again: 'INELIGIBLE' },
        ],
      });
      expect((await rederiveDecisions(sql, { to: '2000-01-01' })).checked).toBe(0);
    } finally {
      await tamper([`DELETE FROM decision WHERE id = 1000000`], [`DELETE FROM decision_batch WHERE id = 1000001`]);
    }
  });
});
