/**
 * Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`), as DATA.md uses them, on the
 * Gregorian calendar: a year is leap when divisible by 4, except centuries not
 * divisible by 400.
 */
import { describe, expect, it } from '@jest/globals';
import { dateFromIso, daysInMonth, isIsoDate, isoFromDate, isPeriod, todayInJakarta } from './date.js';

describe('isIsoDate', () => {
  it.each([
    ['2000-02-29', 'leap: divisible by 400'],
    ['2024-02-29', 'leap: divisible by 4'],
    ['1996-02-29', 'leap: divisible by 4'],
    ['2023-02-28', 'last day of February in a common year'],
    ['1900-02-28', 'last day of February in 1900'],
    ['2024-01-01', 'first day of the year'],
    ['2024-12-31', 'last day of the year'],
    ['2024-01-31', 'January has 31 days'],
    ['2024-03-31', 'March has 31 days'],
    ['2024-04-30', 'April has 30 days'],
    ['2024-05-31', 'May has 31 days'],
    ['2024-06-30', 'June has 30 days'],
    ['2024-07-31', 'July has 31 days'],
    ['2024-08-31', 'August has 31 days'],
    ['2024-09-30', 'September has 30 days'],
    ['2024-10-31', 'October has 31 days'],
    ['2024-11-30', 'November has 30 days'],
    ['1945-08-17', 'a date long ago'],
    ['0001-01-01', 'the first day PostgreSQL dates count'],
  ])('%s is a date (%s)', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each([
    ['1900-02-29', '1900 is a century not divisible by 400'],
    ['2100-02-29', '2100 is a century not divisible by 400'],
    ['2023-02-29', '2023 is not divisible by 4'],
    ['2024-02-30', 'February never has 30 days'],
    ['2024-00-10', 'month 00'],
    ['2024-13-01', 'month 13'],
    ['2024-01-00', 'day 00'],
    ['2024-01-32', 'day 32'],
    ['2024-04-31', 'April has 30 days'],
    ['2024-06-31', 'June has 30 days'],
    ['2024-09-31', 'September has 30 days'],
    ['2024-11-31', 'November has 30 days'],
    ['2024-1-05', 'month not padded'],
    ['2024-01-5', 'day not padded'],
    ['2024-1-5', 'neither padded'],
    ['24-01-05', 'two-digit year'],
    ['02024-01-05', 'five-digit year'],
    ['2024/01/05', 'slashes'],
    ['05-01-2024', 'DD-MM-YYYY'],
    ['20240105', 'no dashes'],
    ['2024-01-05T00:00:00Z', 'with a time'],
    ['2024-01-05 ', 'trailing space'],
    [' 2024-01-05', 'leading space'],
    ['2024-01-05\n', 'trailing line break'],
    ['2024-01', 'a month'],
    ['', 'empty'],
    ['２０２４-０１-０５', 'full-width digits'],
    ['0000-01-01', 'year 0: PostgreSQL has none'],
    ['0000-02-29', 'year 0, which would be leap'],
  ])('%j is not a date (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('isPeriod', () => {
  it.each(['2025-01', '2025-12', '2024-02', '1999-06'])('%s is a month', (value) => {
    expect(isPeriod(value)).toBe(true);
  });

  it.each([
    ['2025-00', 'month 00'],
    ['0000-01', 'year 0'],
    ['2025-13', 'month 13'],
    ['2025-1', 'month not padded'],
    ['25-01', 'two-digit year'],
    ['2025-01-15', 'a date'],
    ['01-2025', 'MM-YYYY'],
    ['2025/01', 'slash'],
    ['202501', 'no dash'],
    ['2025-01 ', 'trailing space'],
    ['2025-01\n', 'trailing line break'],
    ['', 'empty'],
  ])('%j is not a month (%s)', (value) => {
    expect(isPeriod(value)).toBe(false);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2024, 1, 31],
    [2024, 2, 29],
    [2024, 3, 31],
    [2024, 4, 30],
    [2024, 5, 31],
    [2024, 6, 30],
    [2024, 7, 31],
    [2024, 8, 31],
    [2024, 9, 30],
    [2024, 10, 31],
    [2024, 11, 30],
    [2024, 12, 31],
    [2023, 2, 28],
    [2000, 2, 29],
    [1900, 2, 28],
    [2100, 2, 28],
    [2400, 2, 29],
    [1996, 2, 29],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });
});

describe('dateFromIso and isoFromDate', () => {
  it.each(['2024-02-29', '2024-01-01', '2023-12-31', '1945-08-17'])('%s round-trips at midnight UTC', (value) => {
    const date = dateFromIso(value);
    expect(date.getUTCHours()).toBe(0);
    expect(isoFromDate(date)).toBe(value);
  });
});

describe('todayInJakarta', () => {
  it('is the Jakarta date (UTC+7), not the UTC date', () => {
    // 2024-06-30 17:00 UTC is 2024-07-01 00:00 in Jakarta.
    expect(todayInJakarta(new Date('2024-06-30T17:00:00Z'))).toBe('2024-07-01');
    expect(todayInJakarta(new Date('2024-06-30T16:59:59Z'))).toBe('2024-06-30');
  });
});
