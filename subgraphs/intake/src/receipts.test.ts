import { describe, expect, it } from '@jest/globals';
import { newReceipt, normaliseReceipt } from './receipts.js';

describe('receipts', () => {
  it('are a kind prefix and twelve characters of Crockford base32, each new', () => {
    const receipts = Array.from({ length: 1000 }, () => newReceipt('REPORT'));
    for (const r of receipts) expect(r).toMatch(/^LAP-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(receipts).size).toBe(1000);
  });

  it('are read back as people type them: any case, any spacing, O for 0 and I or L for 1 (not in the prefix)', () => {
    expect(normaliseReceipt('lap 7k3m 9qxd 2r4t')).toBe('LAP-7K3M-9QXD-2R4T');
    expect(normaliseReceipt('PMH-0OIL-1111-AAAA')).toBe('PMH-0011-1111-AAAA');
    expect(normaliseReceipt('ADU7K3M9QXD2RLT')).toBe('ADU-7K3M-9QXD-2R1T');
    expect(normaliseReceipt('something else')).toBe('SOMETHINGELSE');
  });
});
