/** The words a citizen reads for each check (API.md, Workflows), from evidence made by @tepat/rules itself. */
import { describe, expect, it } from '@jest/globals';
import { loadRegions, type Regions } from '@tepat/core';
import { BUILT_IN_RULE_SETS, evaluateEligibility, type EligibilityFacts, type RuleSet } from '@tepat/rules';
import { beforeAll } from '@jest/globals';
import { localDate, reasonsOf } from './reasons.js';

const AS_OF = '2026-10-31';
const NIK = '5101011505800001';
let regions: Regions;
beforeAll(async () => {
  regions = await loadRegions();
});

const ok = <T>(value: T) => ({ ok: true as const, value });
function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    nik: NIK,
    name: 'I Made Sutama',
    population: ok({ fullName: 'I Made Sutama', kk: '5101010101100001', villageCode: '51.01.01.2001', deathDate: null }),
    vaccination: ok([{ dose: 1, administeredOn: '2021-07-01' }]),
    civilService: ok([]),
    aid: ok([]),
    familyAid: ok([]),
    dtks: ok({ status: 'ACTIVE', statusReason: null, decile: 2 }),
    ...overrides,
  };
}
const ruleSet = (code: string): RuleSet => BUILT_IN_RULE_SETS.find((r) => r.code === code)!;
const reasons = (f: EligibilityFacts, code: string, language: 'ID' | 'EN' = 'ID') => reasonsOf(evaluateEligibility(f, ruleSet(code), AS_OF), language, regions);

describe('reasons in plain Indonesian, one per failed or unknown check', () => {
  it('none when eligible', () => {
    expect(reasons(facts(), 'IBAN')).toEqual([]);
  });

  it('each I-BAN stage with the fact that decided it', () => {
    const failing = facts({
      vaccination: ok([]),
      civilService: ok([{ corps: 'TNI', agency: 'Kodim 1617/Jembrana', startDate: '2010-01-01', endDate: null }]),
      aid: ok([{ nik: NIK, programCode: 'BLT', disbursedOn: '2025-02-05' }]),
    });
    expect(reasons(failing, 'IBAN')).toEqual([
      'Belum tercatat menerima vaksin COVID-19 sampai 31-10-2026.',
      'Tercatat sebagai TNI (Kodim 1617/Jembrana) pada 31-10-2026.',
      'Sudah pernah menerima bantuan BLT pada 05-02-2025.',
    ]);
    expect(reasons(failing, 'IBAN', 'EN')[0]).toBe('No COVID-19 vaccination recorded up to 31-10-2026.');
  });

  it('death, domicile, DTKS status and decile', () => {
    const elsewhere = facts({ population: ok({ fullName: 'I Made Sutama', kk: '3510010101100001', villageCode: '35.10.01.2001', deathDate: '2026-01-02' }) });
    expect(reasons(elsewhere, 'IBAN').slice(0, 2)).toEqual(['Tercatat meninggal dunia pada 02-01-2026.', 'Berdomisili di luar wilayah program (Kabupaten Jembrana).']);
    expect(reasons(facts({ dtks: ok({ status: 'INACTIVE', statusReason: 'MAMPU', decile: 6 }) }), 'DTKS')).toEqual([
      'Status di DTKS tidak aktif (sudah mampu).',
      'Desil kesejahteraan 6, di atas batas desil 4.',
    ]);
    expect(reasons(facts({ dtks: ok(null) }), 'DTKS')).toEqual([
      'Tidak terdaftar di DTKS (Data Terpadu Kesejahteraan Sosial).',
      'Tidak memiliki desil kesejahteraan karena tidak terdaftar di DTKS.',
    ]);
  });

  it('a family member paid within the look-back, masked, with programme, day and window', () => {
    const paid = facts({ familyAid: ok([{ nik: '5101014505820002', programCode: 'PKH', disbursedOn: '2026-09-10' }]) });
    expect(reasons(paid, 'LAPORAN_WARGA')).toEqual([
      'Anggota keluarga dalam KK yang sama (5101********0002) menerima bantuan PKH pada 10-09-2026, dalam 180 hari terakhir.',
    ]);
  });

  it('the same words for an unknown NIK and a name that differs', () => {
    const unknown = reasons(facts({ population: ok(null) }), 'IBAN');
    const wrongName = reasons(facts({ name: 'Orang Lain' }), 'IBAN');
    expect(unknown).toEqual(wrongName);
    expect(unknown).toEqual(['NIK dan nama tidak cocok dengan data kependudukan (Dukcapil).']);
  });

  it('a source down says the data cannot be checked yet, by its Indonesian name', () => {
    expect(reasons(facts({ vaccination: { ok: false, reason: 'down' } }), 'IBAN')).toEqual([
      'Data vaksinasi belum dapat diperiksa saat ini; akan diperiksa lagi otomatis.',
    ]);
  });

  it('writes dates as Indonesians do', () => {
    expect(localDate('2026-10-31')).toBe('31-10-2026');
  });
});
