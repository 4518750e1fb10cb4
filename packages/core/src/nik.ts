/** NIK and KK: the 16-digit numbers of the Indonesian civil registry (Dukcapil). */

const SIXTEEN_DIGITS = /^\d{16}$/;

/** True when the value has the shape of a NIK or KK: exactly 16 ASCII digits. */
export function isSixteenDigits(value: string): boolean {
  return SIXTEEN_DIGITS.test(value);
}

/** The parts a NIK encodes (DATA.md, population/persons.csv). */
export interface NikParts {
  /** Digits 1-6 as a Kemendagri district code with dots, e.g. `51.01.01`. */
  districtCode: string;
  /** Day of birth, with the 40 added for women removed. */
  birthDay: number;
  birthMonth: number;
  /** Two-digit year of birth. */
  birthYear2: number;
  sex: 'L' | 'P';
}

/** Reads what digits 1-12 of a NIK encode; null when the value is not 16 digits. */
export function parseNik(nik: string): NikParts | null {
  if (!isSixteenDigits(nik)) return null;
  const dd = Number(nik.slice(6, 8));
  // Women's NIKs carry the day of birth plus 40 (Dukcapil's encoding, DATA.md).
  const sex = dd > 40 ? 'P' : 'L';
  return {
    districtCode: `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`,
    birthDay: sex === 'P' ? dd - 40 : dd,
    birthMonth: Number(nik.slice(8, 10)),
    birthYear2: Number(nik.slice(10, 12)),
    sex,
  };
}

/**
 * Masks a NIK or KK for someone who may not see it whole: the first four digits
 * (the regency) and the last four stay, e.g. `5101********0003` (RULES.md).
 */
export function maskNik(nik: string): string {
  if (nik.length <= 8) return '*'.repeat(nik.length);
  return nik.slice(0, 4) + '*'.repeat(nik.length - 8) + nik.slice(-4);
}

/** Masks a name word by word, keeping each first letter: `Siti Aminah` becomes `S*** A*****`. */
export function maskName(name: string): string {
  return name.replace(/\S+/g, (word) => word[0] + '*'.repeat(word.length - 1));
}

/**
 * Masks a date of birth down to its year: `1982-05-05` becomes `1982-**-**`. A masked NIK
 * keeps its regency and serial digits; the day and month of birth (with sex, digits 7-12)
 * and the village would give back the rest, so they go too (issue 21: masking that the rest
 * of the answer cannot undo).
 */
export function maskBirthDate(iso: string): string {
  return /^\d{4}-/.test(iso) ? `${iso.slice(0, 4)}-**-**` : '*'.repeat(iso.length);
}
