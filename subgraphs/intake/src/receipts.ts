/**
 * Receipts: what a citizen writes down to follow a case (a complaint's ticket number).
 * Twelve characters of Crockford's alphabet (no I, L, O or U, so nothing reads as another
 * character over the phone) are 60 random bits: a receipt cannot be guessed, and with the
 * NIK it is all a look-up asks.
 */
import { customAlphabet } from 'nanoid';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const random = customAlphabet(CROCKFORD, 12);

/** The prefix of each kind: Indonesian words a desk officer recognises. */
export const RECEIPT_PREFIX = { APPLICATION: 'PMH', REPORT: 'LAP', COMPLAINT: 'ADU', PROPOSAL: 'USL', OBJECTION: 'SGH' } as const;
export type CaseKind = keyof typeof RECEIPT_PREFIX;

/** e.g. `PMH-7K3M-9QXD-2R4T` (PerMoHonan), `LAP-…` (LAPoran), `ADU-…` (ADUan), `USL-…` (USuL), `SGH-…` (SanGgaH). */
export function newReceipt(kind: CaseKind): string {
  return `${RECEIPT_PREFIX[kind]}-${random().match(/.{4}/g)!.join('-')}`;
}

/**
 * A receipt as people type it: any case, spaces or dashes, and after the prefix the letters
 * Crockford reads as digits (I and L as 1, O as 0).
 */
export function normaliseReceipt(typed: string): string {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '');
  if (plain.length !== 15) return plain;
  const code = plain.slice(3).replace(/[IL]/g, '1').replace(/O/g, '0');
  return `${plain.slice(0, 3)}-${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}
