/**
 * The registries beside population: DTKS (about 40 % of people, deciles that follow
 * family welfare, some INACTIVE with reasons, some with a stale kk), COVID-19
 * vaccination for most adults, and ASN, TNI and Polri personnel (about 2 % of adults).
 */
import type { Regions } from '@tepat/core';
import { dayOf, isoOf } from './calendar.js';
import { CsvWriter } from './csv-writer.js';
import { NO_DAY, Sequences, birthDigits, type Population } from './population.js';
import type { Random } from './random.js';

export interface Dtks {
  /** Decile per person, 0 when the person has no DTKS record. */
  decile: Uint8Array;
  /** 1 when the record is ACTIVE. */
  active: Uint8Array;
  /** The kk DTKS records for each family (a stale one for some). */
  kk: string[];
}

export interface Registries {
  dtks: Dtks;
  /** First dose day per person, NO_DAY when unvaccinated. */
  firstDose: Int32Array;
  /** Service periods of the people who serve or served, by person index. */
  service: Map<number, { corps: string; agency: string; start: number; end: number }[]>;
}

const INACTIVE_REASONS = ['MAMPU', 'PINDAH', 'DUPLIKAT', 'LAINNYA'] as const;
const VACCINES = ['SINOVAC', 'SINOVAC', 'SINOVAC', 'ASTRAZENECA', 'ASTRAZENECA', 'PFIZER', 'MODERNA', 'SINOPHARM', 'JANSSEN'];

/** Each family's national welfare decile (1 = poorest tenth), by rank of its welfare score. */
function familyDeciles(population: Population): Uint8Array {
  const order = Array.from({ length: population.families }, (_, f) => f).sort(
    (a, b) => population.welfare[a]! - population.welfare[b]! || a - b,
  );
  const deciles = new Uint8Array(population.families);
  order.forEach((f, rank) => (deciles[f] = Math.min(10, Math.floor((rank * 10) / population.families) + 1)));
  return deciles;
}

export async function generateDtks(random: Random, p: Population, until: number, path: string): Promise<Dtks & { rows: number }> {
  const familyDecile = familyDeciles(p);
  const dtks: Dtks = { decile: new Uint8Array(p.persons), active: new Uint8Array(p.persons), kk: [...p.kk] };
  const staleSequences = new Sequences(9999);
  const out = new CsvWriter(path, ['nik', 'kk', 'decile', 'status', 'status_reason', 'updated_on']);
  for (let f = 0; f < p.families; f++) {
    const trueDecile = familyDecile[f]!;
    // DTKS registers mostly the poorest 40 %, and some families it should not (exclusion and inclusion errors).
    const registered = random.chance(trueDecile <= 4 ? 0.85 : trueDecile <= 6 ? 0.25 : 0.03);
    if (!registered) continue;
    // The recorded decile is measured with noise: verification surveys are years apart.
    const decile = Math.min(10, Math.max(1, trueDecile + (random.chance(0.2) ? random.pick([-1, 1]) : 0)));
    if (random.chance(0.03)) {
      // A stale family card: the family was split or re-registered since DTKS recorded it. Cards
      // issued before 2010 do not occur in population (see population.ts), so it names no current family.
      const prefix = p.kk[f]!.slice(0, 6) + birthDigits(random.int(dayOf('2000-01-01'), dayOf('2009-12-31')), false);
      dtks.kk[f] = prefix + (staleSequences.next(prefix, 0) ?? '9999');
    }
    const familyInactive = random.chance(0.04);
    for (let i = p.firstMember[f]!; i < p.firstMember[f]! + p.size[f]!; i++) {
      const dead = p.death[i]! !== NO_DAY;
      let reason: string | null = null;
      if (dead && random.chance(0.6)) reason = 'MENINGGAL';
      else if (familyInactive) reason = random.pick(INACTIVE_REASONS);
      dtks.decile[i] = decile;
      dtks.active[i] = reason === null ? 1 : 0;
      await out.write([p.nik[i], dtks.kk[f], decile, reason === null ? 'ACTIVE' : 'INACTIVE', reason, isoOf(random.int(dayOf('2022-01-01'), until))]);
    }
  }
  await out.close();
  return { ...dtks, rows: out.rows };
}

export async function generateVaccination(random: Random, p: Population, path: string): Promise<{ firstDose: Int32Array; rows: number }> {
  const firstDose = new Int32Array(p.persons).fill(NO_DAY);
  const from = dayOf('2021-01-13'); // Indonesia's first COVID-19 vaccination
  const eligibleBorn = dayOf('2009-12-31');
  const out = new CsvWriter(path, ['nik', 'dose', 'vaccine', 'administered_on']);
  for (let i = 0; i < p.persons; i++) {
    if (p.birth[i]! > eligibleBorn || !random.chance(0.85)) continue;
    let day = random.int(from, dayOf('2022-06-30'));
    if (p.death[i]! !== NO_DAY && day >= p.death[i]!) continue;
    firstDose[i] = day;
    const vaccine = random.pick(VACCINES);
    const doses = random.chance(0.8) ? (random.chance(0.45) ? 3 : 2) : 1;
    for (let dose = 1; dose <= doses; dose++) {
      await out.write([p.nik[i], dose, dose === 3 ? random.pick(VACCINES) : vaccine, isoOf(day)]);
      day += dose === 1 ? random.int(28, 60) : random.int(150, 300);
    }
  }
  await out.close();
  return { firstDose, rows: out.rows };
}

export async function generateCivilService(random: Random, p: Population, regions: Regions, until: number, path: string) {
  const service: Registries['service'] = new Map();
  const out = new CsvWriter(path, ['nik', 'corps', 'agency', 'start_date', 'end_date']);
  const year = 365.25;
  for (let i = 0; i < p.persons; i++) {
    const age = (until - p.birth[i]!) / year;
    if (age < 20 || age > 64 || !random.chance(0.025)) continue;
    const corps = random.chance(0.75) ? 'ASN' : random.chance(0.5) ? 'TNI' : 'POLRI';
    const regency = regions.get(p.village[p.family[i]!]!.slice(0, 5))!.name;
    const agency =
      corps === 'ASN'
        ? random.chance(0.7)
          ? `Pemerintah ${regency}`
          : random.pick(['Kementerian Sosial', 'Kementerian Agama', 'Kementerian Keuangan', 'Kementerian Pendidikan'])
        : corps === 'TNI'
          ? random.pick(['TNI Angkatan Darat', 'TNI Angkatan Laut', 'TNI Angkatan Udara'])
          : `Polres ${regency.replace(/^Kabupaten |^Kota /, '')}`;
    const start = Math.round(p.birth[i]! + (20 + random.float() * Math.min(15, age - 20)) * year);
    // Retired at 58, or left early; some leave inside the disbursement window.
    let end = age >= 58 ? Math.round(p.birth[i]! + 58 * year) : random.chance(0.08) ? random.int(start + 365, until) : NO_DAY;
    if (p.death[i]! !== NO_DAY && (end === NO_DAY || end > p.death[i]!)) end = p.death[i]!;
    if (end !== NO_DAY && end < start) continue;
    service.set(i, [{ corps, agency, start, end }]);
    await out.write([p.nik[i], corps, agency, isoOf(start), end === NO_DAY ? null : isoOf(end)]);
  }
  await out.close();
  return { service, rows: out.rows };
}
