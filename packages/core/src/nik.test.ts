/**
 * NIK and KK numbers (DATA.md, population/persons.csv): 16 digits; digits 1-6 the
 * regency+district, 7-12 the birth date DDMMYY with 40 added to DD for women.
 */
import { describe, expect, it } from '@jest/globals';
import { isSixteenDigits, maskBirthDate, maskName, maskNik, parseNik } from './nik.js';

describe('isSixteenDigits', () => {
  it.each(['5101011705900001', '0000000000000000', '9999999999999999'])('%s is 16 digits', (value) => {
    expect(isSixteenDigits(value)).toBe(true);
  });

  it.each([
    ['510101170590001', '15 digits'],
    ['51010117059000011', '17 digits'],
    ['51010117059000A1', 'a letter'],
    ['5101 0117 0590 0001', 'spaces'],
    ['5101011705900001\n', 'a trailing line break'],
    [' 5101011705900001', 'a leading space'],
    ['٥١٠١٠١١٧٠٥٩٠٠٠٠١', 'Arabic-Indic digits'],
    ['5.101011705900001E15', 'exponent form'],
    ['', 'empty'],
  ])('%j is not (%s)', (value) => {
    expect(isSixteenDigits(value)).toBe(false);
  });
});

describe('parseNik', () => {
  it('reads a man’s NIK', () => {
    expect(parseNik('5101011705900001')).toEqual({ districtCode: '51.01.01', birthDay: 17, birthMonth: 5, birthYear2: 90, sex: 'L' });
  });

  it('reads a woman’s NIK, removing the 40 added to the day', () => {
    expect(parseNik('5101015705920002')).toEqual({ districtCode: '51.01.01', birthDay: 17, birthMonth: 5, birthYear2: 92, sex: 'P' });
  });

  it.each([
    ['3510010101000001', '35.10.01', 1, 1, 0, 'L'],
    ['3510014101000001', '35.10.01', 1, 1, 0, 'P'],
    ['3510013112990001', '35.10.01', 31, 12, 99, 'L'],
    ['3510017112990001', '35.10.01', 31, 12, 99, 'P'],
    ['1101012902240001', '11.01.01', 29, 2, 24, 'L'],
    ['1101016902240001', '11.01.01', 29, 2, 24, 'P'],
  ])('%s: %s, day %i, month %i, year %i, sex %s', (nik, districtCode, birthDay, birthMonth, birthYear2, sex) => {
    expect(parseNik(nik)).toEqual({ districtCode, birthDay, birthMonth, birthYear2, sex });
  });

  it.each(['510101170590001', '51010117059000011', 'abcdefghijklmnop', ''])('%j is not a NIK', (value) => {
    expect(parseNik(value)).toBeNull();
  });
});

describe('maskNik', () => {
  it('keeps the first and last four digits (RULES.md)', () => {
    expect(maskNik('5101011705900003')).toBe('5101********0003');
  });

  it('masks a short value whole', () => {
    expect(maskNik('12345678')).toBe('********');
    expect(maskNik('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps the first letter of each word and the spacing', () => {
    expect(maskName('Siti Aminah')).toBe('S*** A*****');
    expect(maskName('I Gede  Ngurah')).toBe('I G***  N*****');
    expect(maskName('')).toBe('');
  });
});

describe('maskBirthDate', () => {
  it('keeps the year only, so a masked NIK cannot be rebuilt from the day and month of birth', () => {
    expect(maskBirthDate('1982-05-05')).toBe('1982-**-**');
    expect(maskBirthDate('garbage')).toBe('*******');
  });
});
