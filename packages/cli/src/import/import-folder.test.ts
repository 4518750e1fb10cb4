// `tepat import` on hand-made folders, against fresh databases (embedded, or the test
// server when DATABASE_URL_<X> is set): all or nothing per file, --allow-partial, the rules
// that need the whole file or the database, idempotence, updates, and the report.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { databaseTarget, openDatabase, readSubgraphEnv, type SubgraphName } from '@tepat/subgraph-kit';
import { createTestHubEnv } from '@tepat/subgraph-kit/testing';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { importFolder } from './import-folder.js';

// One set of databases for the file (creating one costs seconds), emptied before each test.
let hub: Awaited<ReturnType<typeof createTestHubEnv>>;
beforeAll(async () => (hub = await createTestHubEnv()));
afterAll(() => hub.cleanup());
beforeEach(async () => {
  for (const subgraph of ['population', 'dtks', 'vaccination', 'civil-service', 'aid-history'] as const) {
    const target = databaseTarget(subgraph, readSubgraphEnv(subgraph, hub.env));
    if ('dir' in target && !existsSync(target.dir)) continue; // never opened yet: empty
    const db = await openDatabase(target);
    try {
      const tables = await db.sql.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
      );
      if (tables.length) await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} CASCADE`);
    } finally {
      await db.close();
    }
  }
});

const PERSONS_HEADER = 'nik,kk,full_name,sex,birth_date,relationship,village_code,death_date';
const KK = '5101011203100001';
// NIKs of Jembrana (51.01.01): digits 7-12 are the birth date, +40 on the day for women.
const MADE = '5101011203850001,' + KK + ',I Made Sutama,L,1985-03-12,HEAD,51.01.01.2001,';
const LUH = '5101015205870002,' + KK + ',Ni Luh Sari,P,1987-05-12,SPOUSE,51.01.01.2001,';
const PUTU = '5101010101100003,' + KK + ',I Putu Adi,L,2010-01-01,CHILD,51.01.01.2001,';

/** Writes a folder of DATA.md files: path inside the folder -> lines (header first). */
function folder(files: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tepat-import-'));
  for (const [path, lines] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), lines.join('\n') + '\n');
  }
  return dir;
}

async function run(dir: string, allowPartial = false) {
  const log: string[] = [];
  const reportDir = join(hub.dataDir, 'report-' + Math.random().toString(36).slice(2));
  const result = await importFolder(dir, { allowPartial, reportDir, env: hub.env, log: (line) => log.push(line) });
  return { ...result, log: log.join('\n'), reportDir };
}

/** Rows of the subgraph's own database, read after the import has closed it. */
async function query<Row>(subgraph: SubgraphName, sql: string): Promise<Row[]> {
  const db = await openDatabase(databaseTarget(subgraph, readSubgraphEnv(subgraph, hub.env)));
  try {
    return await db.sql.query<Row>(sql);
  } finally {
    await db.close();
  }
}

const names = () => query<{ nik: string; full_name: string }>('population', 'SELECT nik, full_name FROM person ORDER BY nik');

describe('tepat import', () => {
  it('loads every file of a folder into the subgraph that owns it', async () => {
    const dir = folder({
      'population/persons.csv': [PERSONS_HEADER, MADE, LUH, PUTU],
      'dtks/members.csv': ['nik,kk,decile,status,status_reason,updated_on', `5101011203850001,${KK},2,ACTIVE,,2024-01-05`],
      'vaccination/doses.csv': ['nik,dose,vaccine,administered_on', '5101011203850001,1,SINOVAC,2021-07-01', '5101011203850001,2,SINOVAC,2021-08-01'],
      'civil-service/personnel.csv': ['nik,corps,agency,start_date,end_date', '5101015205870002,ASN,Pemerintah Kabupaten Jembrana,2012-01-01,'],
      'aid/programs.csv': ['code,name,unit,rule_set', 'PKH,Program Keluarga Harapan,FAMILY,DTKS'],
      'aid/disbursements.csv': [
        'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code',
        `PKH-1,PKH,5101011203850001,${KK},2025-01,300000,2025-01-15,51.01.01`,
      ],
    });
    const { clean, outcomes, log } = await run(dir);
    expect(clean).toBe(true);
    expect(outcomes.map((o) => [o.file, o.summary?.inserted])).toEqual([
      ['population/persons.csv', 3],
      ['dtks/members.csv', 1],
      ['vaccination/doses.csv', 2],
      ['civil-service/personnel.csv', 1],
      ['aid/programs.csv', 1],
      ['aid/disbursements.csv', 1],
    ]);
    expect(log).toMatch(/population\/persons.csv: 3 rows read, 3 new, 0 updated, 0 unchanged, 0 rejected/);
    expect(await names()).toHaveLength(3);
    expect(await query('aid-history', 'SELECT id, amount_idr, disbursed_on::text AS d FROM disbursement')).toEqual([
      { id: 'PKH-1', amount_idr: 300000, d: '2025-01-15' },
    ]);
    expect(await query('civil-service', 'SELECT end_date FROM personnel')).toEqual([{ end_date: null }]);
  });

  it('rejects a file with a bad row whole, and reports every bad row with line, column and reason', async () => {
    const badSex = '5101011203850004,' + KK + ',Ketut,X,1985-03-12,CHILD,51.01.01.2001,';
    const badVillage = '5101011203850005,' + KK + ',Komang,L,1985-03-12,CHILD,51.01.99.9999,';
    const { clean, outcomes, log, reportDir } = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, badSex, LUH, badVillage] }));
    expect(clean).toBe(false);
    expect(outcomes[0]!.summary).toMatchObject({ rowsRead: 4, rejected: 2, inserted: 0, committed: false });
    expect(log).toMatch(/line 3, column sex: must be one of L, P \(got "X"\)/);
    expect(log).toMatch(/line 5, column village_code: must be a village code that exists/);
    expect(await names()).toEqual([]);
    const rejects = readFileSync(join(reportDir, 'population/persons.rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects[0]).toBe(`line,column,reason,${PERSONS_HEADER}`);
    expect(rejects.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['3,sex', '5,village_code']);
    expect(rejects[1]).toContain('5101011203850004');
    expect(readFileSync(join(reportDir, 'report.txt'), 'utf8')).toContain('nothing loaded, 2 rejected');
  });

  it('loads the good rows with --allow-partial and writes the rejected ones beside the report', async () => {
    const badDate = '5101011203850004,' + KK + ',Ketut,L,1985-02-30,CHILD,51.01.01.2001,';
    const { clean, outcomes, reportDir } = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, badDate, LUH] }), true);
    expect(clean).toBe(false); // something was rejected: scripts must notice
    expect(outcomes[0]!.summary).toMatchObject({ rowsRead: 3, rejected: 1, inserted: 2, committed: true });
    expect((await names()).map((p) => p.nik)).toEqual(['5101011203850001', '5101015205870002']);
    const rejects = readFileSync(join(reportDir, 'population/persons.rejects.csv'), 'utf8');
    expect(rejects).toMatch(/^3,birth_date,"must be a date YYYY-MM-DD that exists \(got ""1985-02-30""\)",5101011203850004,/m);
  });

  it('changes nothing when the same folder is imported again, and updates a changed row', async () => {
    const dir = folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, LUH, PUTU] });
    await run(dir);
    const before = await query('population', 'SELECT *, xmin::text AS version FROM person ORDER BY nik');
    const again = await run(dir);
    expect(again.outcomes[0]!.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    // Not even rewritten: the row versions are the same.
    expect(await query('population', 'SELECT *, xmin::text AS version FROM person ORDER BY nik')).toEqual(before);

    const renamed = folder({ 'population/persons.csv': [PERSONS_HEADER, MADE.replace('I Made Sutama', 'I Made Sutama Putra'), LUH, PUTU] });
    const changed = await run(renamed);
    expect(changed.outcomes[0]!.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    expect((await names()).find((p) => p.nik === '5101011203850001')!.full_name).toBe('I Made Sutama Putra');
  });

  it('keeps the stored rows exactly when a later version of the file is rejected', async () => {
    await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, LUH] }));
    const rejected = await run(
      folder({ 'population/persons.csv': [PERSONS_HEADER, MADE.replace('I Made Sutama', 'Changed'), LUH, 'not,a,valid,row,at,all,,'] }),
    );
    expect(rejected.clean).toBe(false);
    expect((await names()).map((p) => p.full_name)).toEqual(['I Made Sutama', 'Ni Luh Sari']);
  });

  it('rejects keys repeated inside a file, naming every line', async () => {
    const { outcomes, log } = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, LUH, MADE.replace('Sutama', 'Sutami')] }));
    expect(outcomes[0]!.summary).toMatchObject({ rejected: 2, committed: false });
    expect(log).toMatch(/line 2, column nik: key \(nik\) repeats on lines 2, 4/);
    expect(log).toMatch(/line 4, column nik: key \(nik\) repeats on lines 2, 4/);
  });

  it('rejects a second HEAD for a kk, in the file or already stored', async () => {
    const secondHead = LUH.replace('SPOUSE', 'HEAD');
    const inFile = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, secondHead] }));
    expect(inFile.log).toMatch(/line 3, column relationship: kk 5101011203100001 would have more than one HEAD/);

    await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, LUH] }));
    const againstStored = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, secondHead] }));
    expect(againstStored.log).toMatch(/line 2, column relationship: .*more than one HEAD \(stored 5101011203850001, line 2\)/);
    // The head itself may be re-sent, and a head may hand over within one file.
    const handOver = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE.replace('HEAD', 'OTHER'), secondHead] }));
    expect(handOver.clean).toBe(true);
  });

  it('accepts a disbursement of a programme from the same folder or already stored, and rejects an unknown one', async () => {
    const header = 'id,program_code,nik,kk,period,amount_idr,disbursed_on,district_code';
    const pay = (id: string, program: string) => `${id},${program},5101011203850001,${KK},2025-01,300000,2025-01-15,51.01.01`;
    const first = await run(
      folder({ 'aid/programs.csv': ['code,name,unit,rule_set', 'BLT,Bantuan Langsung Tunai,PERSON,DTKS'], 'aid/disbursements.csv': [header, pay('B-1', 'BLT')] }),
    );
    expect(first.clean).toBe(true);
    const second = await run(folder({ 'aid/disbursements.csv': [header, pay('B-2', 'BLT'), pay('X-1', 'BANSOS_X')] }), true);
    expect(second.log).toMatch(/line 3, column program_code: programme BANSOS_X does not exist/);
    expect(await query('aid-history', 'SELECT id FROM disbursement ORDER BY id')).toEqual([{ id: 'B-1' }, { id: 'B-2' }]);
  });

  it('reads the columns in any order, quoted fields and a byte-order mark', async () => {
    const dir = folder({
      'population/persons.csv': [
        '\uFEFFfull_name,nik,kk,sex,birth_date,relationship,village_code,death_date',
        `"Sutama, I Made",5101011203850001,${KK},L,1985-03-12,HEAD,51.01.01.2001,2024-06-01`,
      ],
    });
    expect((await run(dir)).clean).toBe(true);
    expect(await query('population', "SELECT full_name, death_date::text AS d FROM person")).toEqual([{ full_name: 'Sutama, I Made', d: '2024-06-01' }]);
  });

  it('refuses a file whose header is wrong or whose CSV is broken, naming the problem', async () => {
    const missing = await run(folder({ 'population/persons.csv': ['nik,kk,full_name,sex,birth_date,relationship,village', MADE] }));
    expect(missing.outcomes[0]!.failure).toMatch(/line 1: the header has missing columns village_code, death_date; unknown column village/);
    const broken = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, `5101015205870002,${KK},"Ni Luh,P,1987-05-12,SPOUSE,51.01.01.2001,`] }));
    expect(broken.outcomes[0]!.failure).toMatch(/line 3: the file is not valid CSV/);
    const short = await run(folder({ 'population/persons.csv': [PERSONS_HEADER, MADE, '5101015205870002,' + KK] }));
    expect(short.log).toMatch(/line 3: has 2 fields where the header has 8/);
    expect(await names()).toEqual([]);
  });

  it('rebuilds every key and index after a large first load, and upserts into it afterwards', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const birth = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const ddmmyy = birth.slice(8, 10) + birth.slice(5, 7) + birth.slice(2, 4);
      return `510101${ddmmyy}0001,51010101${String(i).padStart(8, '0')},Orang ${i},L,${birth},HEAD,51.01.01.2001,`;
    });
    const dir = folder({ 'population/persons.csv': [PERSONS_HEADER, ...rows] });
    expect((await run(dir)).outcomes[0]!.summary).toMatchObject({ inserted: 12_000 });
    const indexes = await query<{ indexname: string; indexdef: string }>('population', "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'person' ORDER BY 1");
    const byProvince = indexes.filter((i) => /^person_full_name_trgm_\d\d_idx$/.test(i.indexname));
    expect(indexes.filter((i) => !byProvince.includes(i)).map((i) => i.indexname)).toEqual(['person_full_name_trgm_idx', 'person_kk_idx', 'person_pkey', 'person_village_code_prefix_idx']);
    // One trigram index per province, each rebuilt with its own province's predicate.
    expect(byProvince).toHaveLength(38);
    for (const { indexname, indexdef } of byProvince) expect(indexdef).toMatch(new RegExp(`WHERE .*left.*village_code.*'${indexname.slice(22, 24)}'`));
    const again = folder({ 'population/persons.csv': [PERSONS_HEADER, ...rows.slice(0, 2), rows[2]!.replace('Orang 2', 'Orang Dua')] });
    expect((await run(again)).outcomes[0]!.summary).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
  });

  it('names a folder with none of the files', async () => {
    await expect(run(folder({ 'other/thing.csv': ['a,b'] }))).rejects.toThrow(/holds none of the files DATA.md describes/);
  });
});
