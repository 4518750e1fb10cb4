// What analytics reads of intake (issue 17, item 6): one row per case with only what the case
// figures need, on the real migrations (embedded, or the test server when DATABASE_URL_INTAKE
// is set).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportSources, migrate, readMigrations, type Database } from '@tepat/subgraph-kit';
import { createTestDatabase } from '@tepat/subgraph-kit/testing';
import { Writable } from 'node:stream';
import { subgraph } from './index.js';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase('intake');
  await migrate(db.sql, readMigrations(subgraph.migrationsDir));
});
afterAll(() => db.close());

async function exported(path: string): Promise<string> {
  const source = exportSources(subgraph).find((s) => s.path === path);
  if (!source) throw new Error(`intake does not export ${path}`);
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

describe('intake/cases.csv', () => {
  it('holds one row per case: kind, status, programme, district, instants in UTC and the due day, and nothing personal', async () => {
    // A session in Jakarta's time zone must not move the instants: they leave as UTC.
    await db.sql.exec(`
      SET TIME ZONE 'Asia/Jakarta';
      INSERT INTO intake_case (id, receipt, kind, status, nik, program, village_code, reporter_nik, category, statement, detail,
                               filed_by_role, filed_by_subject, filed_by_region, filed_at, updated_at, closed_at, due_on) VALUES
        (1, 'PMH-AAAA-AAAA-AAAA', 'APPLICATION', 'ACCEPTED', '5101011505800001', 'BANSOS_JEMBRANA', '51.01.01.2001', NULL, NULL, NULL,
         '{"nameGiven": "I Made Sutama"}', 'FACILITATOR', 'pendamping-01', '51.01', '2026-11-30 23:30:00.250+07', '2026-11-30 23:30:00.250+07',
         '2026-11-30 23:30:00.250+07', NULL),
        (2, 'LAP-BBBB-BBBB-BBBB', 'REPORT', 'QUEUED', '3510010606600003', NULL, '35.10.01.2001', '3510014505820002', NULL,
         'Rumahnya rusak, tidak bekerja', NULL, 'PUBLIC', NULL, NULL, '2026-12-01 08:00:00+00', '2026-12-01 08:00:00+00', NULL, NULL),
        (3, 'ADU-CCCC-CCCC-CCCC', 'COMPLAINT', 'RESOLVED', '3301010505900009', 'BLT', NULL, NULL, 'NOT_RECEIVED',
         'Belum diterima', NULL, 'OPERATOR', 'posko-1', '33.01', '2026-12-01 09:00:00+00', '2026-12-02 10:30:00+00',
         '2026-12-02 10:30:00.5+00', '2026-12-15');`);
    expect(await exported('intake/cases.csv')).toBe(
      [
        'id,kind,status,program,district_code,filed_at,closed_at,due_on',
        '1,APPLICATION,ACCEPTED,BANSOS_JEMBRANA,51.01.01,2026-11-30 16:30:00.250,2026-11-30 16:30:00.250,',
        '2,REPORT,QUEUED,,35.10.01,2026-12-01 08:00:00.000,,',
        // Filed for a NIK population did not know: no village, so no district.
        '3,COMPLAINT,RESOLVED,BLT,,2026-12-01 09:00:00.000,2026-12-02 10:30:00.500,2026-12-15',
        '',
      ].join('\n'),
    );
  });

  it('is the only file intake exports: it takes no agency files', () => {
    expect(exportSources(subgraph).map((s) => s.path)).toEqual(['intake/cases.csv']);
  });
});
