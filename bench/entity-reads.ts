/**
 * The sources' entity reads (packages/subgraph-kit/src/entity-rows.ts): one person by NIK, as
 * population's DataLoader reads it for every eligibility check, through Prisma's findMany,
 * through Prisma's $queryRaw, and through the kit's Sql (its statements kept prepared) with the
 * plan PostgreSQL chooses per read and with the kept plan the loaders ask for, on the same
 * embedded database of persons: in memory, or with `--on-disk` in a directory as the hub keeps
 * it, where planning reads the size of each index's file. CPU is this process's (PGlite runs in it).
 *
 *   npx tsx bench/entity-reads.ts [--persons 100000] [--reads 5000] [--on-disk]
 */
import { createPrisma } from '@tepat/population';
import { migrate, openDatabase, readMigrations, selectRows } from '@tepat/subgraph-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '100000' }, reads: { type: 'string', default: '5000' }, 'on-disk': { type: 'boolean', default: false } },
});
const PERSONS = Number(values.persons);
const READS = Number(values.reads);

const dir = values['on-disk'] ? mkdtempSync(join(tmpdir(), 'tepat-entity-reads-')) : null;
const db = await openDatabase(dir ? { dir } : { memory: true });
await migrate(db.sql, readMigrations(fileURLToPath(new URL('../subgraphs/population/prisma/migrations', import.meta.url))));
await db.sql.query(
  `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code)
   SELECT (3510010000000000 + g)::text, (3510010000000000 + g / 4)::text, 'Warga ' || g, 'L', DATE '1980-01-01' + g % 9000, 'HEAD', '35.10.01.2001'
   FROM generate_series(1, $1::int) g`,
  [PERSONS],
);
const prisma = createPrisma(db);
const nikOf = (i: number) => String(3510010000000000 + ((i * 7919) % PERSONS) + 1);
const COLUMNS = `nik, kk, full_name AS "fullName", sex, birth_date::text AS "birthDate", relationship, village_code AS "villageCode", death_date::text AS "deathDate"`;

const ways: [string, (nik: string) => Promise<unknown[]>][] = [
  ['Prisma findMany', (nik) => prisma.person.findMany({ where: { nik: { in: [nik] } } })],
  ['Prisma $queryRaw', (nik) => prisma.$queryRawUnsafe(`SELECT ${COLUMNS} FROM person WHERE nik = ANY($1)`, [nik])],
  ['kit Sql, plan chosen per read', (nik) => db.sql.query(`SELECT ${COLUMNS} FROM person WHERE nik = ANY($1)`, [[nik]])],
  ['kit Sql (selectRows), plan kept', (nik) => selectRows<Record<string, unknown>, 'birthDate' | 'deathDate'>(db.sql, `SELECT ${COLUMNS} FROM person WHERE nik = ANY($1)`, [[nik]], { dates: ['birthDate', 'deathDate'], plan: 'generic' })],
];

const rows: (string | number)[][] = [];
for (const round of [1, 2]) {
  for (const [name, read] of ways) {
    for (let i = 0; i < 200; i++) await read(nikOf(i));
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < READS; i++) if ((await read(nikOf(i))).length !== 1) throw new Error(`${name} found no person`);
    const { user, system } = process.cpuUsage(cpu);
    rows.push([round, name, ((performance.now() - started) / READS).toFixed(3), ((user + system) / 1000 / READS).toFixed(3)]);
  }
}
printTable(['round', 'one person by NIK', 'ms per read', 'CPU ms per read'], rows);
await prisma.$disconnect();
await db.close();
if (dir) rmSync(dir, { recursive: true, force: true });
