/**
 * Programmes and twelve months of disbursements, with mistargeting planted at known
 * rates: ghost NIKs, payments after death, civil servants, duplicate payments in a month,
 * families outside the target, and eligible families never paid. Recipient lists are
 * drawn once at the start of the window, as regions do, so deaths and appointments during
 * the year leak as they do in life. Every row is then classified exactly as METRICS.md says.
 */
import { regionCodeAt, type Regions } from '@tepat/core';
import { BUILT_IN_RULE_SETS, isEligible, type EligibilityFacts, type RuleSet } from '@tepat/rules';
import { dayOf, isoOf, type Month } from './calendar.js';
import { CsvWriter } from './csv-writer.js';
import { LEAKAGE_CATEGORIES, type LeakageCategory, type Planted, type ProgramMonth } from './manifest.js';
import { birthDigits, NO_DAY, Sequences, type Population } from './population.js';
import type { Random } from './random.js';
import type { Registries } from './registries.js';

interface Program {
  code: string;
  name: string;
  unit: 'PERSON' | 'FAMILY';
  ruleSet: string;
  /** Share of the eligible units put on the list. */
  coverage: number;
  /** Monthly amount for a unit of `size` members. */
  amount(size: number): number;
  /** Planting rates, as shares of the eligible units listed. */
  plant: { ghosts: number; deceased: number; civilServants: number; ineligible: number; duplicates: number };
}

const PLANT = { ghosts: 0.01, deceased: 0.005, civilServants: 0.01, ineligible: 0.04, duplicates: 0.015 };

export const PROGRAMS: readonly Program[] = [
  { code: 'PKH', name: 'Program Keluarga Harapan', unit: 'FAMILY', ruleSet: 'DTKS', coverage: 0.85, amount: (n) => 150_000 + 50_000 * Math.min(n, 6), plant: PLANT },
  { code: 'BPNT', name: 'Bantuan Pangan Non Tunai', unit: 'FAMILY', ruleSet: 'DTKS', coverage: 0.8, amount: () => 200_000, plant: PLANT },
  { code: 'BLT', name: 'Bantuan Langsung Tunai', unit: 'PERSON', ruleSet: 'DTKS', coverage: 0.35, amount: () => 300_000, plant: PLANT },
  {
    code: 'BANSOS_JEMBRANA',
    name: 'Bantuan Sosial Kabupaten Jembrana',
    unit: 'PERSON',
    ruleSet: 'IBAN',
    coverage: 0.7,
    amount: () => 150_000,
    plant: { ...PLANT, ineligible: 0 },
  },
];

/** One entry of a recipient list: who collects, for which unit. */
interface Listed {
  /** Person index of the collector, -1 for a ghost NIK. */
  person: number;
  nik: string;
  /** The family card the programme pays, as it recorded it. */
  kk: string;
  /** Family index of `kk` in population, -1 when population has no such card. */
  family: number;
  districtCode: string;
  size: number;
}

/** One payment; small, since a month of a large data set holds hundreds of thousands. */
interface Row {
  unit: Listed;
  /** Position in the programme's month: the id's number, so ids order as `seq` does. */
  seq: number;
  amount: number;
  day: number;
}

const rowId = (program: string, period: string, seq: number) => `${program}-${period}-${String(seq).padStart(7, '0')}`;

export interface AidContext {
  random: Random;
  p: Population;
  r: Registries;
  months: Month[];
}

export async function writePrograms(path: string): Promise<void> {
  const out = new CsvWriter(path, ['code', 'name', 'unit', 'rule_set']);
  for (const program of PROGRAMS) await out.write([program.code, program.name, program.unit, program.ruleSet]);
  await out.close();
}

/**
 * aid/collection-points.csv (DATA.md): a post office in every district where people live, for
 * every programme (bansos cash goes out through PT Pos), and for a regional programme (its
 * rule set names a region) the kecamatan offices of that region, as Jembrana's I-BAN sends
 * an accepted applicant to the nearest kecamatan. Districts in code order, so a seed always
 * gives the same file.
 */
const ruleSetByCode = (code: string) => BUILT_IN_RULE_SETS.find((rs) => rs.code === code)!;
/** Programmes whose rule set holds in one region only. */
const REGIONAL = PROGRAMS.filter((program) => ruleSetByCode(program.ruleSet).region !== null);

export async function writeCollectionPoints(path: string, p: Population, regions: Regions): Promise<number> {
  const out = new CsvWriter(path, ['id', 'program_code', 'district_code', 'name', 'address']);
  const districts = [...new Set(p.village.map((village) => regionCodeAt(village, 'DISTRICT')))].sort();
  for (const code of districts) {
    const district = regions.get(code)!.name;
    const regency = regions.get(regionCodeAt(code, 'REGENCY'))!.name;
    await out.write([`POS-${code}`, null, code, `Kantor Pos ${district}`, `Kecamatan ${district}, ${regency}`]);
    for (const program of REGIONAL) {
      if (code.startsWith(`${ruleSetByCode(program.ruleSet).region}.`)) {
        await out.write([`${program.code}-${code}`, program.code, code, `Kantor Camat ${district}`, `Kecamatan ${district}, ${regency}`]);
      }
    }
  }
  await out.close();
  return out.rows;
}

/**
 * The facts of one person at a time, in the shape the hub's eligibility function takes,
 * built only as far as the checks ask (a check that fails stops the scan): scanning a
 * million persons a month then allocates little.
 */
class PersonFacts implements EligibilityFacts {
  private i = 0;
  private cache: Partial<Omit<EligibilityFacts, 'nik'>> = {};
  readonly familyAid = { ok: false as const, reason: 'the generator does not track aid by family' };

  constructor(
    private readonly ctx: AidContext,
    private readonly firstAid: Int32Array,
  ) {}

  at(i: number): this {
    this.i = i;
    this.cache = {};
    return this;
  }

  get nik() {
    return this.ctx.p.nik[this.i]!;
  }

  get population() {
    const { p } = this.ctx;
    const f = p.family[this.i]!;
    const death = p.death[this.i]!;
    return (this.cache.population ??= {
      ok: true,
      value: { fullName: '', kk: p.kk[f]!, villageCode: p.village[f]!, deathDate: death === NO_DAY ? null : isoOf(death) },
    });
  }

  get vaccination() {
    const first = this.ctx.r.firstDose[this.i]!;
    return (this.cache.vaccination ??= { ok: true, value: first === NO_DAY ? [] : [{ dose: 1, administeredOn: isoOf(first) }] });
  }

  get civilService() {
    return (this.cache.civilService ??= {
      ok: true,
      value: (this.ctx.r.service.get(this.i) ?? []).map((s) => ({
        corps: s.corps as 'ASN' | 'TNI' | 'POLRI',
        agency: s.agency,
        startDate: isoOf(s.start),
        endDate: s.end === NO_DAY ? null : isoOf(s.end),
      })),
    });
  }

  /** NO_PRIOR_AID asks whether any payment was on or before D: the first one answers it. */
  get aid() {
    const first = this.firstAid[this.i]!;
    return (this.cache.aid ??= { ok: true, value: first === NO_DAY ? [] : [{ nik: this.nik, programCode: '', disbursedOn: isoOf(first) }] });
  }

  get dtks() {
    const { dtks } = this.ctx.r;
    const decile = dtks.decile[this.i]!;
    return (this.cache.dtks ??= {
      ok: true,
      value: decile === 0 ? null : { status: dtks.active[this.i] ? 'ACTIVE' : 'INACTIVE', statusReason: null, decile },
    });
  }
}

/**
 * Who is eligible for a programme on a day: one flag per person. `firstAid` is each
 * person's first payment by any other programme: a programme is asked in its own context,
 * so its own payments do not count (RULES.md, Programme context; METRICS.md, E).
 */
function eligibleOn(ctx: AidContext, firstAid: Int32Array, ruleSet: RuleSet, day: number): Uint8Array {
  const asOf = isoOf(day);
  const flags = new Uint8Array(ctx.p.persons);
  const facts = new PersonFacts(ctx, firstAid);
  for (let i = 0; i < ctx.p.persons; i++) flags[i] = isEligible(facts.at(i), ruleSet, asOf) ? 1 : 0;
  return flags;
}

function serves(r: Registries, person: number, day: number): boolean {
  return (r.service.get(person) ?? []).some((s) => s.start <= day && (s.end === NO_DAY || s.end >= day));
}


/** Whether a rule set reads aid, so that programmes sharing it still decide apart (in their own context). */
const readsAid = (ruleSet: RuleSet) => ruleSet.checks.some((c) => c === 'NO_PRIOR_AID' || c === 'FAMILY_NOT_RECEIVING');

/** The key under which a programme's eligibility flags can be shared with other programmes'. */
const contextKey = (program: Program) => {
  const ruleSet = ruleSetByCode(program.ruleSet);
  return readsAid(ruleSet) ? `${ruleSet.code} ${program.code}` : ruleSet.code;
};

/** Each person's first payment by any programme but `program`, from the first payment by each. */
function firstAidExcept(firstAidBy: Map<string, Int32Array>, program: string, persons: number): Int32Array {
  const first = new Int32Array(persons).fill(NO_DAY);
  for (const [code, days] of firstAidBy) {
    if (code === program) continue;
    for (let i = 0; i < persons; i++) if (days[i]! < first[i]!) first[i] = days[i]!;
  }
  return first;
}

/** Draws each programme's recipient list at the start of the window, before any payment (`firstAid` all NO_DAY). */
function drawLists(ctx: AidContext, firstAid: Int32Array) {
  const { random, p, r } = ctx;
  const start = ctx.months[0]!.first - 1;
  const eligibleAtStart = new Map<string, Uint8Array>();
  const ghostSequences = new Sequences(999);
  const lists = new Map<string, { listed: Listed[]; planted: Planted }>();

  const member = (i: number, kk = p.kk[p.family[i]!]!, family = p.family[i]!): Listed => ({
    person: i,
    nik: p.nik[i]!,
    kk,
    family,
    districtCode: p.village[p.family[i]!]!.slice(0, 8),
    size: p.size[p.family[i]!]!,
  });
  /** A family as a FAMILY programme pays it: the card DTKS recorded, collected by the head or the spouse. */
  const familyUnit = (f: number): Listed => {
    const collector = p.size[f]! > 1 && p.relationship[p.firstMember[f]! + 1] === 1 && random.chance(0.3) ? p.firstMember[f]! + 1 : p.head[f]!;
    const kk = p.kk[f] === r.dtks.kk[f] ? p.kk[f]! : r.dtks.kk[f]!;
    return member(collector, kk, kk === p.kk[f] ? f : -1);
  };

  for (const program of PROGRAMS) {
    const ruleSet = ruleSetByCode(program.ruleSet);
    let flags = eligibleAtStart.get(contextKey(program));
    if (!flags) eligibleAtStart.set(contextKey(program), (flags = eligibleOn(ctx, firstAid, ruleSet, start)));
    const eligibleUnits =
      program.unit === 'PERSON'
        ? Array.from({ length: p.persons }, (_, i) => i).filter((i) => flags![i])
        : Array.from({ length: p.families }, (_, f) => f).filter((f) => flags![p.head[f]!]);
    const listed: Listed[] = [];
    const planted: Planted = { eligibleListed: 0, eligibleNeverPaid: 0, ghosts: 0, deceased: 0, civilServants: 0, ineligible: 0, duplicatePayments: 0 };
    for (const unit of eligibleUnits) {
      if (!random.chance(program.coverage)) {
        planted.eligibleNeverPaid++;
        continue;
      }
      listed.push(program.unit === 'PERSON' ? member(unit) : familyUnit(unit));
      planted.eligibleListed++;
    }
    const quota = (rate: number) => Math.round(planted.eligibleListed * rate);
    // Plant from the people a region would plausibly have listed: the programme's region when it has one.
    const inRegion = (i: number) => ruleSet.region === null || p.village[p.family[i]!]!.startsWith(ruleSet.region);
    // A random sample of the people who fit, drawn from all of them so small regions still get their share.
    const plantPersons = (count: number, accept: (i: number) => boolean) => {
      const pool: number[] = [];
      for (let i = 0; i < p.persons; i++) if (inRegion(i) && accept(i)) pool.push(i);
      for (let k = 0; k < Math.min(count, pool.length); k++) {
        const j = random.int(k, pool.length - 1);
        [pool[k], pool[j]] = [pool[j]!, pool[k]!];
      }
      return pool.slice(0, count);
    };
    // The dead and the serving are listed for their own family card, which they collect.
    for (const i of plantPersons(quota(program.plant.deceased), (i) => p.death[i]! < start)) {
      listed.push(member(i));
      planted.deceased++;
    }
    for (const i of plantPersons(quota(program.plant.civilServants), (i) => p.death[i] === NO_DAY && serves(r, i, start))) {
      listed.push(member(i));
      planted.civilServants++;
    }
    // Outside the target: alive, not serving, not eligible (for a family programme, a head who is not).
    const outsideTarget = (i: number) =>
      p.death[i] === NO_DAY && !serves(r, i, start) && !flags![i] && (program.unit === 'PERSON' || p.relationship[i] === 0);
    for (const i of plantPersons(quota(program.plant.ineligible), outsideTarget)) {
      listed.push(member(i));
      planted.ineligible++;
    }
    for (let g = 0; g < quota(program.plant.ghosts); g++) {
      // A NIK shaped like a real one from a real district, with a sequence population never uses (9001-9999).
      const template = p.village[random.int(0, p.families - 1)]!;
      const district = template.slice(0, 8);
      const prefix = district.replaceAll('.', '') + birthDigits(random.int(dayOf('1950-01-01'), dayOf('2005-12-31')), random.chance(0.5));
      const seq = ghostSequences.next(prefix, 9000);
      if (!seq) continue;
      // A card issued before 2000: population's cards are issued from 2010, DTKS's stale ones in 2000-2009.
      const kk = district.replaceAll('.', '') + birthDigits(random.int(dayOf('1980-01-01'), dayOf('1999-12-31')), false) + seq;
      listed.push({ person: -1, nik: prefix + seq, kk, family: -1, districtCode: district, size: random.int(1, 6) });
      planted.ghosts++;
    }
    lists.set(program.code, { listed, planted });
  }
  return lists;
}

/** Generates the disbursements month by month, classifies every row, writes them, and returns the truth per programme. */
export async function generateDisbursements(ctx: AidContext, path: string, onMonth: (period: string) => void) {
  const { random, p, r } = ctx;
  const lists = drawLists(ctx, new Int32Array(p.persons).fill(NO_DAY));
  // The first day each programme paid each person, for NO_PRIOR_AID in each programme's context.
  const firstAidBy = new Map(PROGRAMS.map((prog) => [prog.code, new Int32Array(p.persons).fill(NO_DAY)]));
  const truth = new Map<string, Record<string, ProgramMonth>>(PROGRAMS.map((prog) => [prog.code, {}]));
  const out = new CsvWriter(path, ['id', 'program_code', 'nik', 'kk', 'period', 'amount_idr', 'disbursed_on', 'district_code']);

  for (const month of ctx.months) {
    const rowsByProgram = new Map<string, Row[]>();
    for (const program of PROGRAMS) {
      const { listed, planted } = lists.get(program.code)!;
      const rows: Row[] = [];
      const pay = (unit: Listed) =>
        rows.push({ unit, seq: rows.length + 1, amount: program.amount(unit.size), day: random.int(month.first, month.last) });
      for (const unit of listed) pay(unit);
      const duplicates = Math.round(listed.length * program.plant.duplicates);
      for (let d = 0; d < duplicates; d++) pay(listed[random.int(0, listed.length - 1)]!);
      planted.duplicatePayments += duplicates;
      rowsByProgram.set(program.code, rows);
      const firstAid = firstAidBy.get(program.code)!;
      for (const { unit, day } of rows) if (unit.person >= 0 && day < firstAid[unit.person]!) firstAid[unit.person] = day;
    }

    // E on the last day of the month (METRICS.md), with every payment up to that day known, in each programme's context.
    const eligible = new Map<string, Uint8Array>();
    for (const program of PROGRAMS) {
      const key = contextKey(program);
      if (eligible.has(key)) continue;
      const ruleSet = ruleSetByCode(program.ruleSet);
      const firstAid = readsAid(ruleSet) ? firstAidExcept(firstAidBy, program.code, p.persons) : new Int32Array(0);
      eligible.set(key, eligibleOn(ctx, firstAid, ruleSet, month.last));
    }
    for (const program of PROGRAMS) {
      const flags = eligible.get(contextKey(program))!;
      const rows = rowsByProgram.get(program.code)!;
      truth.get(program.code)![month.period] = classify(ctx, program, rows, flags);
      for (const row of rows) {
        const { unit } = row;
        await out.write([rowId(program.code, month.period, row.seq), program.code, unit.nik, unit.kk, month.period, row.amount, isoOf(row.day), unit.districtCode]);
      }
    }
    onMonth(month.period);
  }
  await out.close();
  return {
    rows: out.rows,
    programs: Object.fromEntries(
      PROGRAMS.map((prog) => [prog.code, { unit: prog.unit, ruleSet: prog.ruleSet, planted: lists.get(prog.code)!.planted, months: truth.get(prog.code)! }]),
    ),
  };
}

/** METRICS.md for one programme and month: each row's first category, R, E and R ∩ E. */
function classify(ctx: AidContext, program: Program, rows: Row[], eligible: Uint8Array): ProgramMonth {
  const { p, r } = ctx;
  const unitOf = ({ unit }: Row) => (program.unit === 'PERSON' ? unit.nik : unit.kk);
  const unitEligible = ({ unit }: Row) =>
    program.unit === 'PERSON' ? unit.person >= 0 && eligible[unit.person] === 1 : unit.family >= 0 && eligible[p.head[unit.family]!] === 1;
  // The unit's first disbursement of the month: by disbursed_on, then id (one programme and month: ids order as seq).
  const first = new Map<string, Row>();
  for (const row of rows) {
    const current = first.get(unitOf(row));
    if (!current || row.day < current.day || (row.day === current.day && row.seq < current.seq)) first.set(unitOf(row), row);
  }
  const byCategory = Object.fromEntries(LEAKAGE_CATEGORIES.map((c) => [c, { rows: 0, amount: 0 }])) as ProgramMonth['byCategory'];
  let amount = 0;
  for (const row of rows) {
    amount += row.amount;
    const category: LeakageCategory | null =
      row.unit.person < 0
        ? 'GHOST'
        : p.death[row.unit.person]! < row.day
          ? 'DECEASED'
          : serves(r, row.unit.person, row.day)
            ? 'CIVIL_SERVANT'
            : first.get(unitOf(row)) !== row
              ? 'DUPLICATE'
              : !unitEligible(row)
                ? 'INELIGIBLE'
                : null;
    if (category) {
      byCategory[category].rows++;
      byCategory[category].amount += row.amount;
    }
  }
  const eligibleCount =
    program.unit === 'PERSON'
      ? eligible.reduce((n, flag) => n + flag, 0)
      : Array.from({ length: p.families }, (_, f) => eligible[p.head[f]!]!).reduce((n, flag) => n + flag, 0);
  let recipientsEligible = 0;
  for (const row of first.values()) if (unitEligible(row)) recipientsEligible++;
  return { rows: rows.length, amount, recipients: first.size, eligible: eligibleCount, recipientsEligible, byCategory };
}
