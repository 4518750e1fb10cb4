/**
 * A child's job: the data, generated once and reused by later runs, a base of about 1.0 M
 * disbursements copied k times for size k (see bench/analytics.ts), and the demo-sized base.
 */
import { generate, type Manifest } from '@tepat/generator';
import { openEngine, type Engine } from '@tepat/analytics';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bytesUnder, headerOf } from '../support/files.js';
import { secs, whole } from '../support/format.js';
import { ownPeakRss } from '../support/memory.js';
import { BASE_PERSONS, baseDir, DEMO, DEMO_PERSONS, demoDir, folderOf, SCRATCH, SEED, SIZES } from './options.js';

const MARKER = '.bench-complete';
/** The source files copied per copy; the programmes (aid/programs.csv) are written once. */
const COPIED_FILES = ['population/persons.csv', 'dtks/members.csv', 'vaccination/doses.csv', 'civil-service/personnel.csv', 'aid/disbursements.csv'];
const PROGRAMS_FILE = 'aid/programs.csv';
/** Columns made unique per copy; every other column is copied as it is. */
const PER_COPY = new Set(['id', 'nik', 'kk']);

export const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
export const isComplete = (dir: string) => existsSync(join(dir, MARKER));

export interface Generation {
  seconds: number;
  peak: number;
  /** Whether this run generated it (else an earlier run did). */
  now: boolean;
}

export interface Prepared {
  persons: number;
  families: number;
  disbursements: number;
  generation: Generation;
  /** The demo-sized base, when --sizes asks for it. */
  demo: { persons: number; disbursements: number; generation: Generation } | null;
  copies: { copies: number; seconds: number | null; bytes: number }[];
  /** Peak memory of the child while it wrote copies (chdb), if it did. */
  copyPeak: number | null;
}

/** A generated base of `persons` in `dir`, or the one an earlier run left there. */
async function generateBase(dir: string, persons: number): Promise<Generation> {
  if (isComplete(dir)) {
    console.log(`  base: ${dir} (reused)`);
    return { ...(JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Generation), now: false };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`  generate: ${whole(persons)} persons, seed ${SEED}, into ${dir}`);
  const started = performance.now();
  await generate({
    persons,
    seed: SEED,
    out: dir,
    onProgress: (message) => {
      if (!/^population: \d+ of/.test(message) && !/^aid: /.test(message)) console.log(`    ${message}`);
    },
  });
  // maxRSS only grows: the peak of the second base generated in a child is the larger of the two.
  const generation = { seconds: (performance.now() - started) / 1000, peak: ownPeakRss(), now: true };
  writeFileSync(join(dir, MARKER), JSON.stringify({ seconds: generation.seconds, peak: generation.peak }));
  return generation;
}

export async function prepareData(): Promise<Prepared> {
  let demo: Prepared['demo'] = null;
  if (SIZES.includes(DEMO)) {
    const generation = await generateBase(demoDir, DEMO_PERSONS);
    const manifest = readManifest(demoDir);
    demo = { persons: manifest.persons, disbursements: manifest.files['aid/disbursements.csv']!, generation };
  }
  const generation = await generateBase(baseDir, BASE_PERSONS);
  const manifest = readManifest(baseDir);
  const prepared: Prepared = {
    persons: manifest.persons,
    families: manifest.families,
    disbursements: manifest.files['aid/disbursements.csv']!,
    generation,
    demo,
    copies: [],
    copyPeak: null,
  };

  const toWrite = SIZES.filter((k) => k > 1 && !isComplete(folderOf(k)));
  for (const k of SIZES.filter((k) => k > 1 && isComplete(folderOf(k)))) {
    prepared.copies.push({ copies: k, seconds: null, bytes: bytesUnder(folderOf(k)) });
  }
  if (toWrite.length > 0) {
    // chdb only to write the copies; its directory goes when done.
    const engineDir = join(SCRATCH, 'engine-copies');
    rmSync(engineDir, { recursive: true, force: true });
    const engine = await openEngine({ dir: engineDir });
    try {
      await indexKeys(engine);
      for (const k of toWrite) {
        const started = performance.now();
        await writeCopies(engine, k);
        const seconds = (performance.now() - started) / 1000;
        prepared.copies.push({ copies: k, seconds, bytes: bytesUnder(folderOf(k)) });
        console.log(`  ${k} copies: ${folderOf(k)} written in ${secs(seconds)}`);
      }
    } finally {
      await engine.close();
      rmSync(engineDir, { recursive: true, force: true });
    }
    prepared.copyPeak = ownPeakRss();
  }
  prepared.copies.sort((a, b) => a.copies - b.copies);
  return prepared;
}

/**
 * A running number per NIK (and per KK) among those sharing its first six digits, over every
 * file of the base that names one: ghost NIKs of disbursements and DTKS members outside
 * population included, so a NIK maps to the same new NIK in every file of a copy.
 */
async function indexKeys(engine: Engine): Promise<void> {
  await engine.command('CREATE DATABASE IF NOT EXISTS bench_copies');
  for (const column of ['nik', 'kk']) {
    const files = COPIED_FILES.filter((f) => headerOf(join(baseDir, f)).includes(column)).map((f) => join(baseDir, f));
    const params = Object.fromEntries(files.map((file, i) => [`f${i}`, file]));
    const union = files.map((_, i) => `SELECT ${column} FROM file({f${i}:String}, 'CSVWithNames', '${column} String')`).join(' UNION ALL ');
    await engine.command(
      `CREATE TABLE bench_copies.${column}_index ENGINE = MergeTree ORDER BY ${column} AS
       SELECT ${column}, toUInt32(row_number() OVER (PARTITION BY left(${column}, 6) ORDER BY ${column}) - 1) AS j
       FROM (SELECT DISTINCT ${column} FROM (${union})) WHERE ${column} != ''`,
      params,
    );
    const [top] = await engine.query<{ n: string }>(`SELECT max(j) AS n FROM bench_copies.${column}_index`);
    // Eight digits for the running number, two for the copy, six kept: 16 in all.
    if (Number(top!.n) >= 1e8) throw new Error(`too many ${column}s share their first six digits to number them in eight digits`);
  }
}

/** Writes k copies of every source file of the base into folderOf(k), then its marker. */
async function writeCopies(engine: Engine, k: number): Promise<void> {
  const out = folderOf(k);
  rmSync(out, { recursive: true, force: true });
  for (const file of COPIED_FILES) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    const columns = headerOf(join(baseDir, file));
    if (columns.some((c) => !/^[a-z_]+$/.test(c))) throw new Error(`${file}: unexpected header ${columns.join(',')}`);
    const keys: string[] = columns.filter((c) => c === 'nik' || c === 'kk');
    // Keys as strings; everything else passes through as text, empty fields as NULL (written \N).
    const structure = columns.map((c) => `${c} ${PER_COPY.has(c) ? 'String' : 'Nullable(String)'}`).join(', ');
    const select = columns.map((c) => {
      if (c === 'id') return `concat(s.id, '-', toString(copy)) AS id`;
      if (keys.includes(c)) {
        return `if(s.${c} = '', '', concat(left(s.${c}, 6), leftPad(toString(copy), 2, '0'), leftPad(toString(s.${c}_j), 8, '0'))) AS ${c}`;
      }
      return `s.${c} AS ${c}`;
    });
    await engine.command(
      `INSERT INTO FUNCTION file({out:String}, 'CSVWithNames', {structure:String})
       SELECT ${select.join(', ')}
       FROM (
         SELECT ${[...columns.map((c) => `f.${c} AS ${c}`), ...keys.map((c) => `ifNull(${c}_index.j, 0) AS ${c}_j`)].join(', ')}
         FROM file({src:String}, 'CSVWithNames', {structure:String}) AS f
         ${keys.map((c) => `LEFT JOIN bench_copies.${c}_index AS ${c}_index ON ${c}_index.${c} = f.${c}`).join('\n')}
       ) AS s
       ARRAY JOIN range({copies:UInt32}) AS copy`,
      { out: join(out, file), src: join(baseDir, file), structure, copies: k },
    );
  }
  mkdirSync(join(out, 'aid'), { recursive: true });
  copyFileSync(join(baseDir, PROGRAMS_FILE), join(out, PROGRAMS_FILE));
  writeFileSync(join(out, MARKER), JSON.stringify({ copies: k, of: baseDir }));
}
