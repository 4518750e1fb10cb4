/** Where a person lives: the Kemendagri village and the district, regency and province above it. */
import type { Region as RegionData, VillagePlace } from '@tepat/core';
import { builder } from '../builder.js';

const RegionLevel = builder.enumType('AdministrativeLevel', {
  description: 'A level of the Kemendagri administrative hierarchy.',
  values: {
    PROVINCE: { description: 'Provinsi, e.g. 51 (Bali).' },
    REGENCY: { description: 'Kabupaten or kota, e.g. 51.01 (Jembrana).' },
    DISTRICT: { description: 'Kecamatan, e.g. 51.01.01.' },
    VILLAGE: { description: 'Desa or kelurahan, e.g. 51.01.01.2001.' },
  } as const,
});

export const AdministrativeArea = builder.objectRef<RegionData>('AdministrativeArea').implement({
  description: 'A region of Indonesia with its Kemendagri code and name, as published in idn-area-data.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Kemendagri code with dots, e.g. 51.01.' }),
    name: t.exposeString('name', { description: 'Official name, e.g. Kabupaten Jembrana.' }),
    level: t.field({ type: RegionLevel, description: 'Which level of the hierarchy this is.', resolve: (r) => r.level }),
  }),
});

export const Village = builder.objectRef<VillagePlace>('Village').implement({
  description: 'A village (desa or kelurahan) with the district, regency and province it lies in.',
  fields: (t) => ({
    code: t.string({ description: 'Village code, e.g. 51.01.01.2001.', resolve: (p) => p.village.code }),
    name: t.string({ description: 'Village name.', resolve: (p) => p.village.name }),
    district: t.field({ type: AdministrativeArea, description: 'The district (kecamatan).', resolve: (p) => p.district }),
    regency: t.field({ type: AdministrativeArea, description: 'The regency or city (kabupaten/kota).', resolve: (p) => p.regency }),
    province: t.field({ type: AdministrativeArea, description: 'The province.', resolve: (p) => p.province }),
  }),
});
