/**
 * Benchmark: the population subgraph's name search (searchPersons) on millions of rows in
 * embedded storage (PGlite on disk). Prints bulk-load throughput, per-query latency over
 * HTTP (p50/p95 of 20 runs after 2 warm-ups, with totalCount), the plan of the core WHERE
 * clause, and peak RSS.
 *
 *   npx tsx bench/search.ts [--persons N]      (default N = 1000000)
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { FORWARDED_CALLER_HEADER, signForwardedCaller } from '@tepat/auth';
import { Random } from '@tepat/generator';
import { subgraph } from '@tepat/population';
import { migrate, openDatabase, readMigrations, serveSubgraph } from '@tepat/subgraph-kit';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/options.js';
import { quantile } from './support/quantile.js';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '1000000' } } });
const PERSONS = positiveInteger('persons', values.persons);
// Bounds the CSV held in memory at once.
const CHUNK = 200_000;
const RUNS = 20;
const WARMUPS = 2;

const GIVEN = [
  'Siti', 'Made', 'Putu', 'Budi', 'Dewi', 'Wayan', 'Nur', 'Agus', 'Ketut', 'Nyoman',
  'Kadek', 'Komang', 'Gede', 'Ayu', 'Sri', 'Ahmad', 'Muhammad', 'Rina', 'Eko', 'Joko',
  'Bambang', 'Yusuf', 'Indah', 'Fitri', 'Rudi', 'Hendra', 'Agung', 'Wahyu', 'Dian', 'Ratna',
  'Andi', 'Rizky', 'Fajar', 'Ani', 'Yuni', 'Tuti', 'Asep', 'Ujang', 'Dedi', 'Iwan',
  'Lina', 'Maya', 'Nining', 'Endang', 'Sugeng', 'Slamet', 'Heru', 'Teguh', 'Arif', 'Taufik',
  'Irma', 'Novi', 'Rahmat', 'Ilham', 'Dodi', 'Yanti', 'Wati', 'Bayu', 'Galih', 'Intan',
];
const FAMILY = [
  'Aminah', 'Santoso', 'Wirawan', 'Lestari', 'Hidayat', 'Rahayu', 'Susanto', 'Pratama', 'Saputra', 'Wijaya',
  'Kusuma', 'Setiawan', 'Nugroho', 'Purnomo', 'Hartono', 'Siregar', 'Nasution', 'Harahap', 'Lubis', 'Simanjuntak',
  'Sinaga', 'Hasibuan', 'Pangaribuan', 'Tambunan', 'Sitompul', 'Suryadi', 'Permana', 'Gunawan', 'Kurniawan', 'Hakim',
  'Rahman', 'Ismail', 'Syahputra', 'Maharani', 'Puspita', 'Anggraini', 'Wulandari', 'Handayani', 'Sari', 'Utami',
  'Astuti', 'Suryani', 'Yulianti', 'Marlina', 'Suparman', 'Sudirman', 'Sutrisno', 'Haryanto', 'Mulyadi', 'Firmansyah',
  'Ramadhan', 'Fauzi', 'Hasanah', 'Fatimah', 'Zulkarnain', 'Adnyana', 'Suardana', 'Widiana', 'Sukarta', 'Arsana',
];

// Real village codes, so region filters resolve like production data; 4 from each district.
const DISTRICTS = ['51.01.01', '51.01.02', '35.10.01', '11.01.01', '31.71.01'];
const villagesCsv = readFileSync(
  fileURLToPath(new URL('../node_modules/idn-area-data/data/villages.csv', import.meta.url)),
  'utf8',
);
const VILLAGES = DISTRICTS.flatMap((d) =>
  villagesCsv
    .split('\n')
    .map((line) => line.split(',')[0])
    .filter((code) => code.startsWith(`${d}.`))
    .slice(0, 4),
);

// Seeded so every run (and every machine) loads the same rows: the generator's random source.
const random = new Random(20240601);

function personsCsv(from: number, to: number): string {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const words = [random.pick(GIVEN)];
    const extra = random.int(0, 2); // 1 to 3 words in all
    for (let w = 0; w < extra; w++) words.push(random.pick(FAMILY));
    // Province prefix 51, then a counter: unique and 16 digits.
    const nik = `51${String(i).padStart(14, '0')}`;
    lines.push(`${nik},${nik},${words.join(' ')},L,1980-01-01,HEAD,${random.pick(VILLAGES)}`);
  }
  return lines.join('\n') + '\n';
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const dir = mkdtempSync(join(tmpdir(), 'tepat-bench-search-'));
try {
  console.log(`persons: ${PERSONS.toLocaleString('en')}, data dir: ${dir}`);
  console.log(`villages (${VILLAGES.length}): ${VILLAGES.join(' ')}`);

  // Migrate through the kit so the schema is exactly what the subgraph runs on.
  const setup = await openDatabase({ dir });
  await migrate(setup.sql, readMigrations(subgraph.migrationsDir));
  await setup.close();

  // COPY needs PGlite's blob option, which the kit's Sql does not expose.
  const pglite = await PGlite.create({ dataDir: join(dir, 'pgdata'), extensions: { pg_trgm } });
  let start = process.hrtime.bigint();
  let generateMs = 0;
  for (let from = 0; from < PERSONS; from += CHUNK) {
    const genStart = process.hrtime.bigint();
    const csv = personsCsv(from, Math.min(from + CHUNK, PERSONS));
    generateMs += ms(genStart);
    await pglite.query(
      `COPY person (nik, kk, full_name, sex, birth_date, relationship, village_code) FROM '/dev/blob' WITH (FORMAT csv)`,
      [],
      { blob: new Blob([csv]) },
    );
  }
  const loadMs = ms(start);
  start = process.hrtime.bigint();
  await pglite.exec('ANALYZE person');
  const analyzeMs = ms(start);
  await pglite.close();
  console.log(
    `load: ${(loadMs / 1000).toFixed(1)} s (of which CSV generation ${(generateMs / 1000).toFixed(1)} s), ` +
      `${Math.round(PERSONS / (loadMs / 1000)).toLocaleString('en')} rows/s; ANALYZE ${(analyzeMs / 1000).toFixed(1)} s`,
  );

  const db = await openDatabase({ dir });
  // The bench calls the subgraph as the gateway would: with a caller signed by a fresh internal key.
  const internalKey = new Uint8Array(randomBytes(32));
  const running = await serveSubgraph(subgraph, db, { host: '127.0.0.1', port: 0 }, { internalKey });
  try {
    const QUERY = `query ($name: String!, $region: String, $first: Int, $after: String) {
      searchPersons(name: $name, region: $region, first: $first, after: $after) {
        persons { nik fullName } hasNextPage endCursor totalCount
      }
    }`;
    type Page = { persons: { nik: string; fullName: string }[]; hasNextPage: boolean; endCursor: string | null; totalCount: number };
    const search = async (variables: Record<string, unknown>): Promise<Page> => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [FORWARDED_CALLER_HEADER]: await signForwardedCaller({ role: 'AUDITOR', subject: 'bench' }, internalKey) },
        body: JSON.stringify({ query: QUERY, variables }),
      });
      const body = (await response.json()) as { data?: { searchPersons: Page }; errors?: { message: string }[] };
      if (!body.data) throw new Error(`searchPersons ${JSON.stringify(variables)}: ${JSON.stringify(body.errors)}`);
      return body.data.searchPersons;
    };

    const siti = await search({ name: 'siti' });
    const cases: [string, Record<string, unknown>][] = [
      ['full name "Siti Aminah"', { name: 'Siti Aminah' }],
      ['full name "made wirawan lestari"', { name: 'made wirawan lestari' }],
      ['given name "siti"', { name: 'siti' }],
      ['given name "siti", page 2', { name: 'siti', after: siti.endCursor }],
      ['family fragment "santo"', { name: 'santo' }],
      ['family fragment "santo", region 51.01', { name: 'santo', region: '51.01' }],
      ['given name "putu", region 51.01.02', { name: 'putu', region: '51.01.02' }],
      ['fragment "hidayat", first 100', { name: 'hidayat', first: 100 }],
      ['short common "nur"', { name: 'nur' }],
      ['infix "ari" (many words)', { name: 'ari' }],
      ['no match "zzqx"', { name: 'zzqx' }],
    ];
    console.log(`\nsearchPersons over HTTP, ${RUNS} runs after ${WARMUPS} warm-ups:`);
    console.log(`${'query'.padEnd(42)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'totalCount'.padStart(11)}`);
    for (const [label, variables] of cases) {
      for (let i = 0; i < WARMUPS; i++) await search(variables);
      const times: number[] = [];
      let page: Page | undefined;
      for (let i = 0; i < RUNS; i++) {
        const t = process.hrtime.bigint();
        page = await search(variables);
        times.push(ms(t));
      }
      times.sort((a, b) => a - b);
      console.log(
        `${label.padEnd(42)} ${quantile(times, 0.5).toFixed(1).padStart(8)} ${quantile(times, 0.95).toFixed(1).padStart(8)} ${String(page!.totalCount).padStart(11)}`,
      );
    }

    const plan = await db.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ANALYZE SELECT nik FROM person WHERE full_name ILIKE '%santo%' AND village_code LIKE '51.01%'`,
    );
    console.log(`\nEXPLAIN ANALYZE (full_name ILIKE '%santo%' AND village_code LIKE '51.01%'):`);
    for (const row of plan) console.log(`  ${row['QUERY PLAN']}`);
  } finally {
    await running.close();
    await db.close();
  }

  console.log(`\npeak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
