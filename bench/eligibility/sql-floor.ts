/**
 * Part 4, after the hub stops: the SQL floor. The same DTKS decisions for the same M NIKs
 * from one query per database per 10,000-NIK batch straight on the hub's databases (PGlite
 * directories or the server's), plus
 * the same evaluateEligibility; the decision log insert timed apart.
 */
import type { Caller } from '@tepat/auth';
import { DecisionLog } from '@tepat/eligibility';
import { evaluateEligibility, type ServiceFacts } from '@tepat/rules';
import { databaseTarget, openDatabase, readSubgraphEnv, type Database, type SubgraphName } from '@tepat/subgraph-kit';
import { oneDecimal as ms1, whole } from '../support/format.js';
import { waitForQuiet } from '../support/quiet.js';
import { printTable } from '../support/table.js';
import { AS_OF, BATCH, RULE_SET } from './checks.js';
import type { Screening } from './screening.js';

const now = () => performance.now();
/** Whom the floor's decisions are logged for: not a caller of the hub. */
const FLOOR_CALLER: Caller = { role: 'SERVICE', subject: 'bench-sql-floor' };

export interface FloorResult {
  niks: number;
  seconds: number;
  parts: Record<'population' | 'dtks' | 'civil-service' | 'decide' | 'log', number>;
  mismatches: number;
  compared: number;
}

async function sqlFloor(env: NodeJS.ProcessEnv, screenNiks: string[], screenDecisions: Map<string, string>): Promise<FloorResult> {
  const open = async (name: SubgraphName) => openDatabase(databaseTarget(name, readSubgraphEnv(name, env)));
  const dbs: Database[] = [];
  try {
    const population = await open('population');
    dbs.push(population);
    const dtks = await open('dtks');
    dbs.push(dtks);
    const civil = await open('civil-service');
    dbs.push(civil);
    const eligibility = await open('eligibility');
    dbs.push(eligibility);
    const decisionLog = new DecisionLog(eligibility.sql);
    const parts = { population: 0, dtks: 0, 'civil-service': 0, decide: 0, log: 0 };
    let mismatches = 0;
    let compared = 0;
    // One warm-up batch (page cache, plans), not counted.
    await population.sql.query(`SELECT nik FROM person WHERE nik = ANY($1::text[])`, [screenNiks.slice(0, BATCH)]);
    for (let from = 0; from < screenNiks.length; from += BATCH) {
      const batch = screenNiks.slice(from, from + BATCH);
      const distinct = [...new Set(batch)];
      let t = now();
      const people = await population.sql.query<{ nik: string; full_name: string; kk: string; village_code: string; death_date: string | null }>(
        `SELECT nik, full_name, kk, village_code, to_char(death_date, 'YYYY-MM-DD') AS death_date FROM person WHERE nik = ANY($1::text[])`,
        [distinct],
      );
      parts.population += now() - t;
      t = now();
      const members = await dtks.sql.query<{ nik: string; status: 'ACTIVE' | 'INACTIVE'; status_reason: string | null; decile: number }>(
        `SELECT nik, status::text AS status, status_reason::text AS status_reason, decile FROM dtks_member WHERE nik = ANY($1::text[])`,
        [distinct],
      );
      parts.dtks += now() - t;
      t = now();
      const personnel = await civil.sql.query<{ nik: string; corps: 'ASN' | 'TNI' | 'POLRI'; agency: string; start_date: string; end_date: string | null }>(
        `SELECT nik, corps::text AS corps, agency, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date
           FROM personnel WHERE nik = ANY($1::text[]) ORDER BY nik, start_date`,
        [distinct],
      );
      parts['civil-service'] += now() - t;
      t = now();
      const personOf = new Map(people.map((p) => [p.nik, p]));
      const dtksOf = new Map(members.map((m) => [m.nik, m]));
      const serviceOf = new Map<string, ServiceFacts[]>();
      for (const r of personnel) {
        const list = serviceOf.get(r.nik) ?? [];
        list.push({ corps: r.corps, agency: r.agency, startDate: r.start_date, endDate: r.end_date });
        serviceOf.set(r.nik, list);
      }
      const notAsked = { ok: false as const, reason: 'not asked: the rule set has no check that needs it' };
      const results = batch.map((nik) => {
        const p = personOf.get(nik);
        const d = dtksOf.get(nik);
        return evaluateEligibility(
          {
            nik,
            population: { ok: true, value: p ? { fullName: p.full_name, kk: p.kk, villageCode: p.village_code, deathDate: p.death_date } : null },
            dtks: { ok: true, value: d ? { status: d.status, statusReason: d.status_reason, decile: d.decile } : null },
            civilService: { ok: true, value: serviceOf.get(nik) ?? [] },
            vaccination: notAsked,
            aid: notAsked,
            familyAid: notAsked,
          },
          RULE_SET,
          AS_OF,
        );
      });
      parts.decide += now() - t;
      // Not part of the floor: the decision log's insert, through the service's own DecisionLog,
      // one batch row as eligibilityBatch writes it.
      t = now();
      await decisionLog.recordBatch(FLOOR_CALLER, results);
      parts.log += now() - t;
      for (const r of results) {
        const screened = screenDecisions.get(r.nik);
        if (screened === undefined) continue;
        compared++;
        if (screened !== r.decision) mismatches++;
      }
    }
    const seconds = (parts.population + parts.dtks + parts['civil-service'] + parts.decide) / 1000;
    return { niks: screenNiks.length, seconds, parts, mismatches, compared };
  } finally {
    for (const db of dbs.reverse()) await db.close();
  }
}

export async function sqlFloorPart(hubEnv: NodeJS.ProcessEnv, screening: Screening, maxWait: number): Promise<FloorResult> {
  const count = screening.screenNiks.length;
  console.log(`\n4. the SQL floor: ${whole(count)} NIKs in batches of ${whole(BATCH)}, one query per database per batch on the hub's databases, plus evaluateEligibility`);
  await waitForQuiet('the SQL floor', { maxSeconds: maxWait });
  const floor = await sqlFloor(hubEnv, screening.screenNiks, screening.decisions);
  const perBatch = (msTotal: number) => ms1(msTotal / Math.ceil(count / BATCH));
  printTable(
    ['part', 'total s', 'ms per batch'],
    [
      ['population: person', (floor.parts.population / 1000).toFixed(1), perBatch(floor.parts.population)],
      ['dtks: dtks_member', (floor.parts.dtks / 1000).toFixed(1), perBatch(floor.parts.dtks)],
      ['civil-service: personnel', (floor.parts['civil-service'] / 1000).toFixed(1), perBatch(floor.parts['civil-service'])],
      ['evaluateEligibility', (floor.parts.decide / 1000).toFixed(1), perBatch(floor.parts.decide)],
      ['floor', floor.seconds.toFixed(1), perBatch(floor.seconds * 1000)],
      ['(not in the floor) decision log insert', (floor.parts.log / 1000).toFixed(1), perBatch(floor.parts.log)],
    ],
  );
  console.log(
    `  floor: ${whole(floor.niks / floor.seconds)} NIKs/s (${whole(floor.niks / (floor.seconds + floor.parts.log / 1000))} NIKs/s with the decision log); ` +
      `decisions equal to tepat screen's for ${whole(floor.compared - floor.mismatches)} of ${whole(floor.compared)} NIKs`,
  );
  return floor;
}
