/**
 * The cluster layout (README.md) held to the single-node build, so the scale-out path cannot
 * drift from ../sql/: a generated folder is refreshed as usual, then built again through this
 * folder's SQL on N shards simulated in the same engine (simulate.ts). Every table the
 * single-node build makes, but those of the steps the cluster does not lay out, must have the
 * same columns and the same rows, and every invariant of ../sql/09_invariants.sql and of
 * 09_invariants.sql must hold on the cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generate } from '@tepat/generator';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { breachedInvariants, folderSources, openEngine, readInvariants, readSteps, refresh, splitStatements, type Engine } from '../src/index.js';
import { CLUSTER_DIR, readClusterSql, simulateCluster } from './simulate.js';

/** Enough people for every leakage category, duplicates, and FAMILY payments collected on another shard. */
const PERSONS = 2_000;
const SEED = 20_261_204;
/** Two shard counts, so a statement that is right only by the luck of one placement fails on the other. */
const SHARD_COUNTS = [3, 8];

/**
 * Arrays built by groupArray, groupUniqArray or arrayDistinct, whose order ClickHouse does not
 * promise (the pipeline tests membership only), compared sorted; arrays built side by side
 * are compared as sorted tuples, so their pairing still counts.
 */
const UNORDERED: Record<string, string[][]> = {
  paid_on: [['dates']],
  person_fact: [
    ['aid_program_ids', 'aid_first_by_program'],
    ['service_corps', 'service_agency', 'service_start', 'service_end'],
    ['family_aid_dates', 'family_aid_program_ids'],
  ],
  eligibility: [['service_corps', 'service_agency', 'service_start', 'service_end']],
  disbursement_fact: [['serving_corps', 'serving_agency']],
};

/** What the layout adds after a table's columns: where a row lives, and shared_payment's partition key. */
const LAYOUT_COLUMNS = ['home', 'period', '_shard_num'];

let root: string;
let engine: Engine | undefined;
let single: string;
/** Each shard count's shard databases, shard 1 first. */
const clusters = new Map<number, string[]>();

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tepat-cluster-'));
  await generate({ persons: PERSONS, seed: SEED, out: join(root, 'data') });
  engine = await openEngine({ dir: join(root, 'clickhouse') });
  ({ database: single } = await refresh(engine, { sources: folderSources(join(root, 'data')) }));
  for (const shardCount of SHARD_COUNTS) {
    clusters.set(shardCount, await simulateCluster(engine, { prefix: `tepat_cluster_${shardCount}`, shardCount, staged: single }));
  }
}, 300_000);

afterAll(async () => {
  await engine?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function columns(db: string, table: string): Promise<{ name: string; type: string }[]> {
  return engine!.query('SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {table:String} ORDER BY position', { db, table });
}

async function tables(db: string): Promise<string[]> {
  const rows = await engine!.query<{ name: string }>('SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name', { db });
  return rows.map((r) => r.name);
}

/** The tables a step of ../sql/ creates. */
function created(files: string[]): string[] {
  return readSteps()
    .filter((s) => files.includes(s.file))
    .flatMap((s) => s.statements.flatMap((sql) => /CREATE TABLE \{db:Identifier\}\.(\w+)/.exec(sql)?.[1] ?? []));
}

/** The steps of ../sql/ without a cluster variant here. */
function notLaidOut(): string[] {
  const { laidOut } = readClusterSql();
  return readSteps()
    .map((s) => s.file)
    .filter((file) => !laidOut.includes(file));
}

/** The single-node build's tables the cluster builds too. */
async function comparedTables(): Promise<string[]> {
  const missing = new Set([...created(notLaidOut()), 'intake_case']);
  return (await tables(single)).filter((t) => !missing.has(t));
}

/** The columns of `table` as compared: unordered arrays sorted, side by side ones zipped first. */
function comparable(table: string, names: string[]): string {
  const groups = UNORDERED[table] ?? [];
  const grouped = new Set(groups.flat());
  return [
    ...names.filter((n) => !grouped.has(n)),
    ...groups.map((g) => (g.length === 1 ? `arraySort(${g[0]}) AS ${g[0]}` : `arraySort(arrayZip(${g.join(', ')})) AS ${g.join('_')}`)),
  ].join(', ');
}

describe('the cluster SQL', () => {
  it('lays out every step of ../sql but 08b (case figures) and 08c (data-quality queues), as README.md says', () => {
    expect(notLaidOut()).toEqual(['08b_metric_cases.sql', '08c_quality.sql']);
  });

  it('parses as written, every statement included, those the simulation rewrites or cannot run (00, ingest)', async () => {
    const failed = [];
    let parsed = 0;
    for (const file of readdirSync(CLUSTER_DIR).filter((f) => f.endsWith('.sql'))) {
      for (const statement of splitStatements(readFileSync(join(CLUSTER_DIR, file), 'utf8'))) {
        try {
          await engine!.query(`EXPLAIN AST ${statement}`, { db: 'tepat_build', meta: 'tepat_analytics', files: 's3://sources/aid/*.parquet', period: '2025-01' });
          parsed++;
        } catch (error) {
          failed.push(`${file}: ${(error as Error).message.slice(0, 200)}`);
        }
      }
    }
    expect(failed).toEqual([]);
    expect(parsed).toBeGreaterThan(60);
  });

  it('builds every other table of the single-node build, and nothing of 08b and 08c', async () => {
    const node = clusters.get(SHARD_COUNTS[0]!)![0]!;
    const onCluster = new Set(await tables(node));
    const lacking = (await tables(single)).filter((t) => !onCluster.has(t));
    expect(lacking.sort()).toEqual([...created(notLaidOut()), 'intake_case'].sort());
  });
});

describe.each(SHARD_COUNTS)('on %i shards', (shardCount) => {
  const node = () => clusters.get(shardCount)![0]!;

  it('spreads the payments over every shard, with some collected by a payee on another shard than their unit', async () => {
    const [row] = await engine!.query<{ shards: string; crossed: string; payments: string }>(
      `SELECT uniqExact(_shard_num) AS shards, count() AS payments,
              countIf(cityHash64(home) % {n:UInt32} != cityHash64(unit_home) % {n:UInt32}) AS crossed
       FROM {db:Identifier}.disbursement_by_payee`,
      { db: node(), n: shardCount },
    );
    expect(Number(row!.shards)).toBe(shardCount);
    // The payee's facts (payee_fact) then travel to the unit's shard: the path 06a exists for.
    expect(Number(row!.crossed)).toBeGreaterThan(0);
    expect(Number(row!.crossed)).toBeLessThan(Number(row!.payments));
  });

  it("gives every table the single-node build's columns, then only where the row lives", async () => {
    const differ: Record<string, unknown> = {};
    for (const table of await comparedTables()) {
      const expected = await columns(single, table);
      const actual = await columns(node(), table);
      const added = actual.slice(expected.length).map((c) => c.name);
      if (JSON.stringify(actual.slice(0, expected.length)) !== JSON.stringify(expected) || added.some((n) => !LAYOUT_COLUMNS.includes(n))) {
        differ[table] = { expected, actual };
      }
    }
    expect(differ).toEqual({});
  });

  it('gives every table row for row as the single-node build, none of them empty', async () => {
    const differ: Record<string, unknown> = {};
    const empty: string[] = [];
    for (const table of await comparedTables()) {
      const list = comparable(table, (await columns(single, table)).map((c) => c.name));
      const rows = await engine!.query(
        `SELECT * FROM (
           SELECT 'single-node only' AS side, * FROM (SELECT ${list} FROM {single:Identifier}.{table:Identifier} EXCEPT ALL SELECT ${list} FROM {node:Identifier}.{table:Identifier})
           UNION ALL
           SELECT 'cluster only' AS side, * FROM (SELECT ${list} FROM {node:Identifier}.{table:Identifier} EXCEPT ALL SELECT ${list} FROM {single:Identifier}.{table:Identifier})
         ) LIMIT 4`,
        { single, node: node(), table },
      );
      if (rows.length > 0) differ[table] = rows;
      const [count] = await engine!.query<{ n: string }>('SELECT count() AS n FROM {db:Identifier}.{table:Identifier}', { db: single, table });
      if (Number(count!.n) === 0) empty.push(table);
    }
    expect(differ).toEqual({});
    expect(empty).toEqual([]);
  });

  it('holds every invariant of ../sql/09_invariants.sql over the tables it builds, and of 09_invariants.sql', async () => {
    const built = new Set(await tables(node()));
    const invariants = readInvariants().filter((i) => [...i.sql.matchAll(/\{db:Identifier\}\.(\w+)/g)].every((m) => built.has(m[1]!)));
    expect(invariants.length).toBeGreaterThan(5);
    const breaches = [];
    for (const invariant of invariants) {
      const rows = await engine!.query(invariant.sql, { db: node() });
      if (rows.length > 0) breaches.push({ invariant: invariant.name, rows });
    }
    expect(breaches).toEqual([]);
    expect(await breachedInvariants(engine!, node(), CLUSTER_DIR)).toEqual([]);
  });
});
