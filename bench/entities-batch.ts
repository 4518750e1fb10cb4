/**
 * One `_entities` batch of a screening as the gateway sends it to population (10,000 persons'
 * registry facts), against the same rows read in SQL alone: what a source spends around its
 * query per entity. In-memory PGlite with 100,000 persons; the median of the rounds.
 *
 *   npx tsx bench/entities-batch.ts [--persons 100000] [--batch 10000] [--rounds 7] [--profile FILE]
 *
 * --profile writes a CPU profile of the rounds alone (not the load) to FILE (.cpuprofile).
 */
import { FORWARDED_CALLER_HEADER, signForwardedCaller } from '@tepat/auth';
import { subgraph } from '@tepat/population';
import { migrate, openDatabase, readMigrations, serveSubgraph } from '@tepat/subgraph-kit';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { positiveInteger } from './support/options.js';
import { median } from './support/quantile.js';

const { values } = parseArgs({ options: { persons: { type: 'string', default: '100000' }, batch: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '7' }, profile: { type: 'string' } } });
const PERSONS = positiveInteger('persons', values.persons);
const BATCH = positiveInteger('batch', values.batch);
const ROUNDS = positiveInteger('rounds', values.rounds);

const db = await openDatabase({ memory: true });
await migrate(db.sql, readMigrations(subgraph.migrationsDir));
await db.sql.query(
  `INSERT INTO person (nik, kk, full_name, sex, birth_date, relationship, village_code)
   SELECT (3510010000000000 + g)::text, (3510010000000000 + g / 4)::text, 'Warga ' || g, 'L', DATE '1980-01-01' + g % 9000, 'HEAD', '35.10.01.2001'
   FROM generate_series(1, $1::int) g`,
  [PERSONS],
);
await db.sql.query('ANALYZE person');
const internalKey = new Uint8Array(randomBytes(32));
const running = await serveSubgraph(subgraph, db, { host: '127.0.0.1', port: 0 }, { internalKey });
const QUERY = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { registry { fullName kk villageCode deathDate } } } }';
const niks = (round: number) => Array.from({ length: BATCH }, (_, i) => String(3510010000000000 + ((round * BATCH + i * 7919) % PERSONS) + 1));

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const federated: number[] = [];
const sql: number[] = [];
const profiler = values.profile ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
try {
  for (let round = 0; round < ROUNDS + 1; round++) {
    const batch = niks(round);
    let start = process.hrtime.bigint();
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FORWARDED_CALLER_HEADER]: await signForwardedCaller({ role: 'SERVICE', subject: 'eligibility' }, internalKey) },
      body: JSON.stringify({ query: QUERY, variables: { representations: batch.map((nik) => ({ __typename: 'Person', nik })) } }),
    });
    const body = (await response.json()) as { data?: { _entities: unknown[] }; errors?: unknown[] };
    if (body.errors || body.data?._entities.length !== BATCH) throw new Error(`_entities: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
    const took = ms(start);
    start = process.hrtime.bigint();
    await db.sql.query('SELECT nik, kk, full_name, village_code, death_date::text FROM person WHERE nik = ANY($1)', [batch]);
    const sqlTook = ms(start);
    // The first round warms both up.
    if (round > 0) {
      federated.push(took);
      sql.push(sqlTook);
    }
  }
  console.log(`_entities of ${BATCH.toLocaleString('en')} persons (registry facts), median of ${ROUNDS}:`);
  console.log(`  through the subgraph ${median(federated).toFixed(0)} ms; the SQL alone ${median(sql).toFixed(0)} ms; per entity outside SQL ${(((median(federated) - median(sql)) / BATCH) * 1000).toFixed(1)} µs`);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(values.profile!, JSON.stringify(profile));
    console.log(`  CPU profile of the rounds: ${values.profile}`);
  }
} finally {
  await running.close();
  await db.close();
}
