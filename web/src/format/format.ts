/**
 * Numbers, rupiah, shares and dates as Indonesians write them (id-ID: "Rp1.234.567",
 * "12,3%", "31 Okt 2026"), or in English when the reader chose it. Everything shown goes
 * through here, so a figure on screen and the test that checks it agree.
 */
export type Locale = 'id' | 'en';

const TAG: Record<Locale, string> = { id: 'id-ID', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.NumberFormat | undefined;
  if (!format) cache.set(key, (format = new Intl.NumberFormat(TAG[locale], options)));
  return format;
}

/** A count: 1.234.567. */
export function formatCount(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * Rupiah without the space Intl puts after the symbol, as written on Indonesian receipts
 * and in Kemensos reports: Rp1.234.567; negative amounts -Rp1.234.
 */
export function formatRupiah(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0, minimumFractionDigits: 0 })
    .formatToParts(value)
    .filter((part) => part.type !== 'literal' || part.value.trim() !== '')
    .map((part) => part.value)
    .join('');
}

/** A share of 1 as a percentage with one decimal: 0.1234 -> 12,3%. */
export function formatShare(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** A ratio such as the CGH indicator or an allocation ratio: 1,25. */
export function formatRatio(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A Gini coefficient: 0,123. */
export function formatGini(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(value);
}

/** Hours, as the desks' figures give them: 36,5 jam; 0 jam for a decision at once ("j", the short form, reads as nothing). */
export function formatHours(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(value);
}

/** A change in hours, signed: +2,5 jam, −1 jam, ±0 jam. */
export function formatHoursChange(delta: number, locale: Locale = 'id'): string {
  const body = formatHours(Math.abs(delta), locale);
  if (body === formatHours(0, locale)) return `±${body}`;
  return `${delta > 0 ? '+' : '−'}${body}`;
}

/** A change in a count or amount, signed: +1.234, −56, ±0. */
export function formatCountChange(delta: number, locale: Locale = 'id', rupiah = false): string {
  const body = rupiah ? formatRupiah(Math.abs(delta), locale) : formatCount(Math.abs(delta), locale);
  return delta > 0 ? `+${body}` : delta < 0 ? `−${body}` : `±${body}`;
}

/** Rupiah in few characters, for chart axes: Rp1 jt, Rp4,4 jt, Rp56,5 M. The exact amounts are in the tables. */
export function formatRupiahCompact(value: number, locale: Locale = 'id'): string {
  return numberFormat(locale, { style: 'currency', currency: 'IDR', currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 })
    .format(value)
    .replace(/^(-?)Rp\s+/, '$1Rp');
}

/** A change in a share, in percentage points: +1,2 pp (poin persentase). */
export function formatPointChange(delta: number, locale: Locale = 'id'): string {
  const points = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(delta * 100));
  const unit = locale === 'id' ? 'poin' : 'pp';
  // Rounded to nothing shows as no change, so a sign never sits on 0,0.
  if (points === numberFormat(locale, { minimumFractionDigits: 1 }).format(0)) return `±${points} ${unit}`;
  return `${delta > 0 ? '+' : '−'}${points} ${unit}`;
}

/** A change in a ratio: +0,05. */
export function formatRatioChange(delta: number, locale: Locale = 'id'): string {
  const body = formatRatio(Math.abs(delta), locale);
  if (body === formatRatio(0, locale)) return `±${body}`;
  return `${delta > 0 ? '+' : '−'}${body}`;
}

/** A calendar date (YYYY-MM-DD, Asia/Jakarta) as "31 Okt 2026". */
export function formatDate(iso: string, locale: Locale = 'id'): string {
  const [y, m, d] = iso.split('-').map(Number);
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** A month (YYYY-MM) as "Okt 2026". */
export function formatMonth(period: string, locale: Locale = 'id'): string {
  const [y, m] = period.split('-').map(Number);
  return dateFormat(locale, { month: 'short', year: 'numeric' }).format(new Date(Date.UTC(y!, m! - 1, 1)));
}

/** An instant (ISO 8601) in Jakarta time: "31 Okt 2026, 14.05". */
export function formatInstant(iso: string, locale: Locale = 'id'): string {
  return dateFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Jakarta' }).format(new Date(iso));
}

function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key) as Intl.DateTimeFormat | undefined;
  // Calendar dates are UTC midnights here, so they print as the same day anywhere.
  if (!format) cache.set(key, (format = new Intl.DateTimeFormat(TAG[locale], { timeZone: 'UTC', ...options })));
  return format;
}
