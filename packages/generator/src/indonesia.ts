/**
 * What makes generated data look like Indonesia: where people live (BPS 2023 population
 * by province), how poor each province is (BPS March 2023 poverty rates, which shift
 * family welfare), and Indonesian names (faker's id_ID lists, Balinese birth-order names
 * in Bali). Region codes come from idn-area-data only.
 */
// The id_ID entry point alone: the package's main one loads every locale (about 30 MB more).
import { faker } from '@faker-js/faker/locale/id_ID';
import type { Region, Regions } from '@tepat/core';
import { Random, Weighted } from './random.js';

/** Province code: [population in thousands (BPS 2023), poverty rate in % (BPS March 2023)]. */
const PROVINCES: Record<string, [number, number]> = {
  '11': [5482, 14.5], '12': [15386, 8.2], '13': [5757, 6.0], '14': [6643, 6.7], '15': [3679, 7.6],
  '16': [8744, 11.8], '17': [2086, 14.0], '18': [9314, 11.1], '19': [1532, 4.5], '21': [2152, 5.7],
  '31': [10672, 4.4], '32': [49860, 7.6], '33': [37541, 10.8], '34': [3737, 11.0], '35': [41527, 10.4],
  '36': [12308, 6.2], '51': [4433, 4.3], '52': [5561, 13.9], '53': [5569, 20.0], '61': [5623, 6.7],
  '62': [2742, 5.1], '63': [4207, 4.3], '64': [3942, 6.1], '65': [729, 6.5], '71': [2660, 7.4],
  '72': [3087, 12.4], '73': [9362, 8.7], '74': [2750, 11.4], '75': [1213, 15.2], '76': [1466, 11.5],
  '81': [1882, 16.4], '82': [1355, 6.5], '91': [1050, 26.0], '92': [561, 21.4], '93': [522, 19.0],
  '94': [1452, 28.0], '95': [1453, 32.0], '96': [613, 18.5],
};

/** Regencies every data set includes, whatever its size: the seed systems' home (Jembrana, Banyuwangi). */
export const ALWAYS_PRESENT_REGENCIES = ['51.01', '35.10'] as const;
/** The share of families placed in each of those regencies, so their rule sets have people to decide on. */
const ALWAYS_PRESENT_SHARE = 0.03;

/** Picks villages: a province by population, then one of its villages at random. */
export class VillagePicker {
  private readonly provinces: Weighted<string>;
  private readonly villagesByPrefix = new Map<string, Region[]>();

  constructor(regions: Regions) {
    const villages = regions.list('VILLAGE');
    const codes = Object.keys(PROVINCES);
    for (const code of codes) this.villagesByPrefix.set(code, []);
    for (const prefix of ALWAYS_PRESENT_REGENCIES) this.villagesByPrefix.set(prefix, []);
    for (const village of villages) {
      this.villagesByPrefix.get(village.code.slice(0, 2))?.push(village);
      this.villagesByPrefix.get(village.code.slice(0, 5))?.push(village);
    }
    const missing = [...this.villagesByPrefix].filter(([, list]) => list.length === 0).map(([code]) => code);
    if (missing.length) throw new Error(`idn-area-data has no villages under ${missing.join(', ')}`);
    this.provinces = new Weighted(codes, codes.map((c) => PROVINCES[c]![0]));
  }

  /** The village of the `index`-th family of `count`: the first families fill the always-present regencies. */
  pick(random: Random, index: number, count: number): Region {
    const reserved = Math.max(1, Math.round(count * ALWAYS_PRESENT_SHARE));
    const slot = Math.floor(index / reserved);
    const prefix = slot < ALWAYS_PRESENT_REGENCIES.length ? ALWAYS_PRESENT_REGENCIES[slot]! : this.provinces.pick(random);
    return random.pick(this.villagesByPrefix.get(prefix)!);
  }
}

/** How much poorer than the national average a province is, as a shift of the welfare score. */
export function povertyShift(villageCode: string): number {
  const rate = PROVINCES[villageCode.slice(0, 2)]?.[1] ?? 9.4;
  // 9.4 % is the national rate; a province at twice it shifts welfare down by about 0.7 sd.
  return Math.log(rate / 9.4);
}

const person = faker.rawDefinitions.person as { first_name: Record<string, string[]>; last_name: Record<string, string[]> };
const GIVEN = { L: [...person.first_name.male!, ...person.first_name.generic!], P: [...person.first_name.female!, ...person.first_name.generic!] };
const FAMILY = { L: person.last_name.male!, P: person.last_name.female! };
// Balinese names carry birth order: first, second, third, fourth child (I for men, Ni for women).
const BALINESE_ORDER = ['Wayan', 'Made', 'Nyoman', 'Ketut', 'Putu', 'Kadek', 'Komang'];

/** An Indonesian full name for a person of this sex living in this province. */
export function fullName(random: Random, sex: 'L' | 'P', provinceCode: string): string {
  const given = random.pick(GIVEN[sex]);
  if (provinceCode === '51') return `${sex === 'L' ? 'I' : 'Ni'} ${random.pick(BALINESE_ORDER)} ${given}`;
  // Many Indonesians have a single name; others a given and a family or second name.
  if (random.chance(0.3)) return given;
  return `${given} ${random.pick(FAMILY[sex])}`;
}
