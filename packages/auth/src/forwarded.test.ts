import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inCallerRegion } from './caller.js';
import { serviceTokens, signForwardedCaller, verifyForwardedCaller, withServiceTokens } from './forwarded.js';
import { dataDirKey } from './secrets.js';
import { createTokenVerifier, issueToken } from './tokens.js';

const internal = new Uint8Array(randomBytes(32));
const userKey = new Uint8Array(randomBytes(32));

describe('the caller the gateway forwards', () => {
  it('round-trips role, region, subject and purpose', async () => {
    const caller = { role: 'OPERATOR' as const, region: '51.01', subject: 'op-1', purpose: 'verifikasi' };
    await expect(verifyForwardedCaller(await signForwardedCaller(caller, internal), internal)).resolves.toEqual(caller);
  });

  it('is signed once per caller for a while, so subgraphs see the same header again', async () => {
    const operator = { role: 'OPERATOR' as const, region: '51.01', subject: 'op-1' };
    const first = await signForwardedCaller(operator, internal);
    expect(await signForwardedCaller({ ...operator }, internal)).toBe(first);
    // Any claim that differs is another caller, with a header of its own.
    expect(await signForwardedCaller({ ...operator, purpose: 'verifikasi' }, internal)).not.toBe(first);
    expect(await signForwardedCaller({ ...operator, subject: 'op-2' }, internal)).not.toBe(first);
    expect(await signForwardedCaller(operator, new Uint8Array(randomBytes(32)))).not.toBe(first);
  });

  it('is required, and must be signed with the internal key', async () => {
    await expect(verifyForwardedCaller(undefined, internal)).rejects.toThrow(/answers the gateway only/);
    const forged = await signForwardedCaller({ role: 'AUDITOR' }, new Uint8Array(randomBytes(32)));
    await expect(verifyForwardedCaller(forged, internal)).rejects.toThrow(/signature is wrong/);
    // A caller's own token is not a forwarded caller, even when both keys were the same.
    await expect(verifyForwardedCaller(await issueToken({ role: 'AUDITOR' }, internal), internal)).rejects.toThrow(/claim/);
  });
});

describe('service tokens at the gateway', () => {
  const verifier = withServiceTokens(createTokenVerifier({ kind: 'secret', secret: userKey }), internal);

  it('are SERVICE callers naming the service; callers\' tokens still verify as before', async () => {
    const token = await serviceTokens('eligibility', internal)();
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual({ role: 'SERVICE', subject: 'eligibility' });
    await expect(verifier.verify(`Bearer ${await issueToken({ role: 'ANALYST' }, userKey)}`)).resolves.toEqual({ role: 'ANALYST' });
  });

  it('cannot be made with the callers\' key', async () => {
    const forged = await serviceTokens('eligibility', userKey)();
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toThrow(/signature is wrong/);
  });
});

describe('regions', () => {
  it('contain the villages below their code, and only those', () => {
    const operator = { role: 'OPERATOR' as const, region: '51.01' };
    expect(inCallerRegion(operator, '51.01.01.2001')).toBe(true);
    expect(inCallerRegion(operator, '51.02.01.2001')).toBe(false);
    expect(inCallerRegion({ role: 'OPERATOR', region: '51.0' }, '51.01.01.2001')).toBe(false);
    expect(inCallerRegion(operator, null)).toBe(false);
    expect(inCallerRegion({ role: 'AUDITOR' }, '11.01.01.2001')).toBe(true);
  });
});

describe('keys made in the data directory', () => {
  it('are made once, owner-only, and read back the same by every process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tepat-keys-'));
    try {
      const first = dataDirKey(dir, 'jwt');
      expect(first.length).toBe(32);
      expect(dataDirKey(dir, 'jwt')).toEqual(first);
      expect(dataDirKey(dir, 'internal')).not.toEqual(first);
      expect(statSync(join(dir, 'secrets', 'jwt.key')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'secrets', 'jwt.key'), 'utf8').trim()).toBe(Buffer.from(first).toString('base64url'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
