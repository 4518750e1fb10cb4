/**
 * Kemendagri region codes and names, from the npm package idn-area-data (never a
 * hand-written list): 38 provinces, 514 regencies, 7,285 districts, 83,762 villages.
 */
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';

export type RegionLevel = 'PROVINCE' | 'REGENCY' | 'DISTRICT' | 'VILLAGE';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
}

/** A village with the district, regency and province it belongs to. */
export interface VillagePlace {
  village: Region;
  district: Region;
  regency: Region;
  province: Region;
}

/** The number of dot-separated parts in a code of each level: `51`, `51.01`, `51.01.01`, `51.01.01.2001`. */
const LEVEL_BY_PARTS: Record<number, RegionLevel> = { 1: 'PROVINCE', 2: 'REGENCY', 3: 'DISTRICT', 4: 'VILLAGE' };

/** The level a code's shape says it is, or null when it has no region code's shape. */
export function regionLevelOf(code: string): RegionLevel | null {
  if (!/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code)) return null;
  return LEVEL_BY_PARTS[code.split('.').length] ?? null;
}

/** The prefix of a code at a coarser level: `parentCode('51.01.01.2001', 'REGENCY') = '51.01'`. */
export function regionCodeAt(code: string, level: Exclude<RegionLevel, 'VILLAGE'>): string {
  const parts = { PROVINCE: 1, REGENCY: 2, DISTRICT: 3 }[level];
  return code.split('.').slice(0, parts).join('.');
}

/** Every region of Indonesia, indexed by code. */
export class Regions {
  constructor(private readonly byCode: ReadonlyMap<string, Region>) {}

  /** The region with this code at any level, or undefined. */
  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  has(code: string, level?: RegionLevel): boolean {
    const region = this.byCode.get(code);
    return region !== undefined && (level === undefined || region.level === level);
  }

  /** The village and everything above it, or undefined for a code that is not a village. */
  place(villageCode: string): VillagePlace | undefined {
    const village = this.byCode.get(villageCode);
    if (!village || village.level !== 'VILLAGE') return undefined;
    const at = (level: 'PROVINCE' | 'REGENCY' | 'DISTRICT') => this.byCode.get(regionCodeAt(villageCode, level))!;
    return { village, district: at('DISTRICT'), regency: at('REGENCY'), province: at('PROVINCE') };
  }

  /** Every region of one level, in code order. */
  list(level: RegionLevel): Region[] {
    return [...this.byCode.values()].filter((r) => r.level === level).sort((a, b) => a.code.localeCompare(b.code));
  }
}

let loading: Promise<Regions> | undefined;

/** The regions, read once per process from idn-area-data's CSV files (about 0.3 s). */
export function loadRegions(): Promise<Regions> {
  loading ??= (async () => {
    const [provinces, regencies, districts, villages] = await Promise.all([
      getProvinces(),
      getRegencies(),
      getDistricts(),
      getVillages(),
    ]);
    const byCode = new Map<string, Region>();
    const add = (rows: { code: string; name: string }[], level: RegionLevel) => {
      for (const { code, name } of rows) byCode.set(code, { code, name, level });
    };
    add(provinces, 'PROVINCE');
    add(regencies, 'REGENCY');
    add(districts, 'DISTRICT');
    add(villages, 'VILLAGE');
    return new Regions(byCode);
  })();
  return loading;
}
