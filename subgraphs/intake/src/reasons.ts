/**
 * Why an application was not accepted, in words a citizen understands (API.md, Workflows:
 * "plain Indonesian, one per failed or unknown check"), each with the fact that decided it:
 * "Belum tercatat menerima vaksin COVID-19 sampai 31-10-2026". English when asked. Built
 * from the decision's checks and evidence (RULES.md), so the words never say more than the
 * decision does.
 */
import type { Regions } from '@tepat/core';
import type { EligibilityResult } from '@tepat/rules';

export type Language = 'ID' | 'EN';

type Check = EligibilityResult['checks'][number];
type Evidence = Record<string, any>;

/** DATA.md dates (YYYY-MM-DD) as Indonesians write them: 31-10-2026. */
export function localDate(iso: string | null | undefined): string {
  if (!iso) return '?';
  const [year, month, day] = iso.split('-');
  return `${day}-${month}-${year}`;
}

const SOURCE_NAMES: Record<string, Record<Language, string>> = {
  population: { ID: 'kependudukan (Dukcapil)', EN: 'the civil registry (Dukcapil)' },
  dtks: { ID: 'DTKS', EN: 'DTKS' },
  vaccination: { ID: 'vaksinasi', EN: 'vaccination' },
  'civil-service': { ID: 'kepegawaian (ASN, TNI, Polri)', EN: 'civil service (ASN, TNI, Polri)' },
  'aid-history': { ID: 'riwayat bantuan', EN: 'aid history' },
};

const DTKS_REASONS: Record<string, Record<Language, string>> = {
  MAMPU: { ID: 'sudah mampu', EN: 'now capable' },
  PINDAH: { ID: 'pindah', EN: 'moved' },
  MENINGGAL: { ID: 'meninggal', EN: 'died' },
  DUPLIKAT: { ID: 'data ganda', EN: 'duplicate' },
  LAINNYA: { ID: 'alasan lain', EN: 'other reason' },
};

/** The days between two YYYY-MM-DD dates. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Words = (evidence: Evidence, check: Check, context: { asOf: string; regions: Regions }) => Record<Language, string>;

/** One sentence per check code, for a FAIL. */
const FAILED: Record<string, Words> = {
  IDENTITY: () => ({
    // The same words for an unknown NIK and a name that differs: neither tells the other apart.
    ID: 'NIK dan nama tidak cocok dengan data kependudukan (Dukcapil).',
    EN: 'The NIK and name do not match the civil registry (Dukcapil).',
  }),
  ALIVE: (e) => ({
    ID: `Tercatat meninggal dunia pada ${localDate(e.deathDate)}.`,
    EN: `Recorded as deceased on ${localDate(e.deathDate)}.`,
  }),
  RESIDENT: (e, _c, { regions }) => {
    const area = regions.get(e.region)?.name ?? e.region;
    return {
      ID: `Berdomisili di luar wilayah program (${area}).`,
      EN: `Lives outside the programme's area (${area}).`,
    };
  },
  VACCINATED: (_e, _c, { asOf }) => ({
    ID: `Belum tercatat menerima vaksin COVID-19 sampai ${localDate(asOf)}.`,
    EN: `No COVID-19 vaccination recorded up to ${localDate(asOf)}.`,
  }),
  NOT_CIVIL_SERVANT: (e, _c, { asOf }) => {
    const serving = (e.serving ?? [])[0] ?? {};
    return {
      ID: `Tercatat sebagai ${serving.corps ?? 'ASN/TNI/Polri'} (${serving.agency ?? '-'}) pada ${localDate(asOf)}.`,
      EN: `Recorded as serving in the ${serving.corps ?? 'ASN/TNI/Polri'} (${serving.agency ?? '-'}) on ${localDate(asOf)}.`,
    };
  },
  NO_PRIOR_AID: (e) => ({
    ID: `Sudah pernah menerima bantuan ${e.first?.programCode ?? ''} pada ${localDate(e.first?.disbursedOn)}.`,
    EN: `Already received ${e.first?.programCode ?? ''} aid on ${localDate(e.first?.disbursedOn)}.`,
  }),
  FAMILY_NOT_RECEIVING: (e) => {
    const paid = (e.recent ?? [])[0] ?? {};
    const days = e.after && e.upTo ? daysBetween(e.after, e.upTo) : 180;
    return {
      ID: `Anggota keluarga dalam KK yang sama (${paid.nik ?? '-'}) menerima bantuan ${paid.programCode ?? ''} pada ${localDate(paid.disbursedOn)}, dalam ${days} hari terakhir.`,
      EN: `A member of the same family card (${paid.nik ?? '-'}) received ${paid.programCode ?? ''} aid on ${localDate(paid.disbursedOn)}, within the last ${days} days.`,
    };
  },
  IN_DTKS: (e) => {
    if (!e.inDtks) return { ID: 'Tidak terdaftar di DTKS (Data Terpadu Kesejahteraan Sosial).', EN: 'Not registered in DTKS (the integrated social-welfare data).' };
    const why = DTKS_REASONS[e.statusReason] ?? { ID: 'tanpa alasan tercatat', EN: 'no reason recorded' };
    return { ID: `Status di DTKS tidak aktif (${why.ID}).`, EN: `The DTKS record is inactive (${why.EN}).` };
  },
  WELFARE_DECILE: (e) =>
    e.decile == null
      ? { ID: 'Tidak memiliki desil kesejahteraan karena tidak terdaftar di DTKS.', EN: 'Has no welfare decile: not registered in DTKS.' }
      : {
          ID: `Desil kesejahteraan ${e.decile}, di atas batas desil ${e.threshold}.`,
          EN: `Welfare decile ${e.decile}, above the threshold of ${e.threshold}.`,
        },
};

function unknownWords(check: Check): Record<Language, string> {
  const source = check.source
    .split('+')
    .map((s) => SOURCE_NAMES[s] ?? { ID: s, EN: s });
  const names = (language: Language) => source.map((s) => s[language]).join(' / ');
  return {
    ID: `Data ${names('ID')} belum dapat diperiksa saat ini; akan diperiksa lagi otomatis.`,
    EN: `The ${names('EN')} data cannot be checked just now; it will be checked again automatically.`,
  };
}

/** One sentence per failed or unknown check, in rule-set order. */
export function reasonsOf(decision: EligibilityResult, language: Language, regions: Regions): string[] {
  return decision.checks
    .filter((c) => c.status !== 'PASS')
    .map((c) =>
      c.status === 'UNKNOWN'
        ? unknownWords(c)[language]
        : (FAILED[c.code]?.((c.evidence ?? {}) as Evidence, c, { asOf: decision.asOf, regions }) ?? { ID: c.reason ?? c.code, EN: c.reason ?? c.code })[
            language
          ],
    );
}
