// What analytics reads of eligibility: the rule set in force for each code, on the real
// migrations (embedded, or the test server when DATABASE_URL_ELIGIBILITY is set).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportSources, migrate, readMigrations, type Database } from '@tepat/subgraph-kit';
import { createTestDatabase } from '@tepat/subgraph-kit/testing';
import { Writable } from 'node:stream';
import { subgraph } from './index.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase('eligibility');
  await migrate(db.sql, readMigrations(subgraph.migrationsDir));
});
afterAll(() => db.close());

async function exported(path: string): Promise<string> {
  const source = exportSources(subgraph).find((s) => s.path === path);
  if (!source) throw new Error(`eligibility does not export ${path}`);
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await db.sql.copyOut(source.select, out);
  return Buffer.concat(chunks).toString('utf8');
}

describe('eligibility/rule-sets.csv', () => {
  it('holds the newest version of each rule set, its checks joined by commas', async () => {
    await db.sql.exec(`
      INSERT INTO rule_set (code, version, name, region, checks, decile_threshold, family_lookback_days, created_by) VALUES
        ('DTKS', 1, 'DTKS nasional', NULL, '{IDENTITY,ALIVE,IN_DTKS,WELFARE_DECILE}', 4, NULL, 'seed'),
        ('DTKS', 2, 'DTKS nasional', NULL, '{IDENTITY,ALIVE,IN_DTKS,WELFARE_DECILE,NOT_CIVIL_SERVANT}', 3, NULL, 'operator'),
        ('BANYUWANGI', 1, 'Smart Kampung', '35.10', '{IDENTITY,ALIVE,RESIDENT,FAMILY_NOT_RECEIVING}', NULL, 365, 'seed');`);
    expect(await exported('eligibility/rule-sets.csv')).toBe(
      [
        'code,version,region,checks,decile_threshold,family_lookback_days',
        'BANYUWANGI,1,35.10,"IDENTITY,ALIVE,RESIDENT,FAMILY_NOT_RECEIVING",,365',
        'DTKS,2,,"IDENTITY,ALIVE,IN_DTKS,WELFARE_DECILE,NOT_CIVIL_SERVANT",3,',
        '',
      ].join('\n'),
    );
  });

  it('is the only file eligibility exports: it takes no agency files', () => {
    expect(exportSources(subgraph).map((s) => s.path)).toEqual(['eligibility/rule-sets.csv']);
  });
});
