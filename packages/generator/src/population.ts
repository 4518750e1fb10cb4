/**
 * Families and persons (population/persons.csv): realistic family sizes with exactly one
 * head, ages, names, NIKs that encode district of first registration, birth date and
 * sex, and some deaths. What later phases need is kept in compact typed arrays.
 */
import type { Regions } from '@tepat/core';
import { dayOf, isoOf } from './calendar.js';
import { CsvWriter } from './csv-writer.js';
import { fullName, povertyShift, VillagePicker } from './indonesia.js';
import type { Random } from './random.js';

export const RELATIONSHIPS = ['HEAD', 'SPOUSE', 'CHILD', 'OTHER'] as const;
export const NO_DAY = 0x7fffffff;

export interface Population {
  persons: number;
  families: number;
  nik: string[];
  /** Family index of each person. */
  family: Int32Array;
  /** 0 = L, 1 = P. */
  sex: Uint8Array;
  birth: Int32Array;
  /** Day of death, NO_DAY when alive. */
  death: Int32Array;
  relationship: Uint8Array;
  kk: string[];
  /** Person index of each family's head. */
  head: Int32Array;
  /** Person indexes of a family are contiguous: first member and count. */
  firstMember: Int32Array;
  size: Uint8Array;
  village: string[];
  /** Latent welfare (higher is better off), standard normal shifted by province poverty. */
  welfare: Float32Array;
}

// Share of families by number of members (BPS Susenas: average about 3.6).
const SIZE_WEIGHTS = [0, 0.1, 0.18, 0.22, 0.22, 0.14, 0.08, 0.06];
const DEATHS_FROM = dayOf('2022-01-01');

/** Allocates unique 4-digit sequence numbers per 12-digit prefix (NIKs and KKs). */
export class Sequences {
  private readonly used = new Map<string, number>();
  constructor(private readonly max: number) {}
  /** The next sequence for the prefix, or null when it is exhausted. */
  next(prefix: string, offset = 0): string | null {
    const n = (this.used.get(prefix) ?? 0) + 1;
    if (n > this.max) return null;
    this.used.set(prefix, n);
    return String(n + offset).padStart(4, '0');
  }
}

/** Digits 7-12 of a NIK or KK: DDMMYY, with 40 added to DD for women (DATA.md). */
export function birthDigits(day: number, female: boolean): string {
  const iso = isoOf(day);
  const dd = Number(iso.slice(8, 10)) + (female ? 40 : 0);
  return `${String(dd).padStart(2, '0')}${iso.slice(5, 7)}${iso.slice(2, 4)}`;
}

function districtDigits(villageCode: string): string {
  return villageCode.slice(0, 8).replaceAll('.', '');
}

export async function generatePopulation(options: {
  random: Random;
  regions: Regions;
  persons: number;
  /** The last day of the data set: ages and deaths are relative to it. */
  until: number;
  path: string;
  onProgress(done: number): void;
}): Promise<Population> {
  const { random, persons: total, until } = options;
  const picker = new VillagePicker(options.regions);
  const estimatedFamilies = Math.ceil(total / 3.6);
  const p: Population = {
    persons: 0,
    families: 0,
    nik: new Array(total),
    family: new Int32Array(total),
    sex: new Uint8Array(total),
    birth: new Int32Array(total),
    death: new Int32Array(total).fill(NO_DAY),
    relationship: new Uint8Array(total),
    kk: [],
    head: new Int32Array(total),
    firstMember: new Int32Array(total),
    size: new Uint8Array(total),
    village: [],
    welfare: new Float32Array(total),
  };
  // NIK sequences stop at 8999: 9000-9999 are left for ghost NIKs, which must not exist in population.
  const nikSequences = new Sequences(8999);
  const kkSequences = new Sequences(9999);
  const out = new CsvWriter(options.path, ['nik', 'kk', 'full_name', 'sex', 'birth_date', 'relationship', 'village_code', 'death_date']);
  const sizes = SIZE_WEIGHTS.map((w, size) => ({ w, size }));

  while (p.persons < total) {
    const f = p.families++;
    const village = picker.pick(random, f, estimatedFamilies);
    const size = Math.min(pickSize(random, sizes), total - p.persons);
    const members = familyMembers(random, size, until);
    const kk = uniqueNumber(kkSequences, districtDigits(village.code), () => birthDigits(random.int(dayOf('2010-01-01'), until - 30), false));
    p.kk.push(kk);
    p.village.push(village.code);
    p.firstMember[f] = p.persons;
    p.size[f] = size;
    p.welfare[f] = random.normal() - 0.8 * povertyShift(village.code) - 0.08 * (size - 4);
    for (const member of members) {
      const i = p.persons++;
      // Most people were first registered where they live; some moved from another district.
      const registeredIn = random.chance(0.85) ? village.code : picker.pick(random, estimatedFamilies, estimatedFamilies).code;
      let birth = member.birth;
      let nik: string | null = null;
      while (nik === null) {
        const prefix = districtDigits(registeredIn) + birthDigits(birth, member.sex === 1);
        const seq = nikSequences.next(prefix);
        if (seq) nik = prefix + seq;
        else birth -= 1;
      }
      p.nik[i] = nik;
      p.family[i] = f;
      p.sex[i] = member.sex;
      p.birth[i] = birth;
      p.relationship[i] = member.relationship;
      if (member.relationship === 0) p.head[f] = i;
      const age = (until - birth) / 365.25;
      if (random.chance(age >= 60 ? 0.04 : 0.004)) p.death[i] = random.int(Math.max(DEATHS_FROM, birth + 1), until);
      await out.write([
        nik,
        kk,
        fullName(random, member.sex === 0 ? 'L' : 'P', village.code.slice(0, 2)),
        member.sex === 0 ? 'L' : 'P',
        isoOf(birth),
        RELATIONSHIPS[member.relationship],
        village.code,
        p.death[i] === NO_DAY ? null : isoOf(p.death[i]!),
      ]);
    }
    if (f % 10_000 === 0) options.onProgress(p.persons);
  }
  await out.close();
  options.onProgress(p.persons);
  return p;
}

function pickSize(random: Random, sizes: { w: number; size: number }[]): number {
  let target = random.float();
  for (const { w, size } of sizes) {
    if ((target -= w) < 0) return size;
  }
  return 4;
}

interface Member {
  sex: 0 | 1;
  birth: number;
  relationship: number;
}

/** A head, perhaps a spouse and an elderly parent, and children young enough to be theirs. */
function familyMembers(random: Random, size: number, until: number): Member[] {
  const year = 365.25;
  const headAge = Math.min(85, 22 + Math.abs(random.normal()) * 16 + random.float() * 8);
  const hasSpouse = size >= 2 && random.chance(0.9);
  const headSex: 0 | 1 = hasSpouse ? (random.chance(0.95) ? 0 : 1) : random.chance(0.45) ? 0 : 1;
  const members: Member[] = [{ sex: headSex, birth: Math.round(until - headAge * year - random.float() * year), relationship: 0 }];
  let youngestParent = headAge;
  if (hasSpouse) {
    const spouseAge = Math.max(18, headAge + random.normal() * 4 - (headSex === 0 ? 3 : -3));
    youngestParent = Math.min(headAge, spouseAge);
    members.push({ sex: headSex === 0 ? 1 : 0, birth: Math.round(until - spouseAge * year - random.float() * year), relationship: 1 });
  }
  if (size - members.length >= 3 && random.chance(0.15)) {
    const parentAge = Math.min(98, headAge + 22 + random.float() * 12);
    members.push({ sex: random.chance(0.65) ? 1 : 0, birth: Math.round(until - parentAge * year), relationship: 3 });
  }
  while (members.length < size) {
    const childAge = random.float() * Math.max(0.5, Math.min(youngestParent - 17, 30));
    members.push({ sex: random.chance(0.5) ? 0 : 1, birth: Math.round(until - childAge * year), relationship: 2 });
  }
  return members;
}

/** A 16-digit number: 6 district digits, 6 date digits, 4 sequence digits unique for the first 12. */
function uniqueNumber(sequences: Sequences, district: string, dateDigits: () => string): string {
  for (;;) {
    const prefix = district + dateDigits();
    const seq = sequences.next(prefix);
    if (seq) return prefix + seq;
  }
}
