import { describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTokenVerifier, HUB_AUDIENCE, HUB_ISSUER, issueToken } from './tokens.js';

const secret = new Uint8Array(randomBytes(32));
const verifier = createTokenVerifier({ kind: 'secret', secret });
const bearer = (token: string) => `Bearer ${token}`;

/** A token signed with `key`, with any claims and times, for the cases issueToken refuses to make. */
function craft(claims: Record<string, unknown>, key: Uint8Array = secret, times: { exp?: number; nbf?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(HUB_ISSUER).setAudience(HUB_AUDIENCE).setIssuedAt(now - 10);
  jwt.setExpirationTime(times.exp ?? now + 3600);
  if (times.nbf !== undefined) jwt.setNotBefore(times.nbf);
  return jwt.sign(key);
}

describe('tokens the hub issues', () => {
  it('bind an OPERATOR or a FACILITATOR to a village, as SIKS-NG operators and village officers work', async () => {
    for (const role of ['OPERATOR', 'FACILITATOR'] as const) {
      const token = await issueToken({ role, region: '64.74.01.1001', subject: 'kelurahan-1' }, secret);
      await expect(verifier.verify(bearer(token))).resolves.toEqual({ role, region: '64.74.01.1001', subject: 'kelurahan-1' });
    }
  });

  it('carry the role, region and subject back to the verifier', async () => {
    const token = await issueToken({ role: 'REGIONAL_APP', region: '35.10', subject: 'banyuwangi-app' }, secret);
    await expect(verifier.verify(bearer(token))).resolves.toEqual({ role: 'REGIONAL_APP', region: '35.10', subject: 'banyuwangi-app' });
  });

  it('are refused for PUBLIC, a region-bound role without a region, or a region on an unbound role', async () => {
    await expect(issueToken({ role: 'PUBLIC' }, secret)).rejects.toThrow(/role must be one of/);
    await expect(issueToken({ role: 'OPERATOR' }, secret)).rejects.toThrow(/must name its region/);
    await expect(issueToken({ role: 'OPERATOR', region: '35.1' }, secret)).rejects.toThrow(/province, regency, district or village/);
    await expect(issueToken({ role: 'ANALYST', region: '35' }, secret)).rejects.toThrow(/not bound to a region/);
    await expect(issueToken({ role: 'ANALYST', ttl: 'soon' }, secret)).rejects.toThrow(/not a duration/);
    await expect(issueToken({ role: 'ANALYST', subject: 'x'.repeat(256) }, secret)).rejects.toThrow(/at most 255 characters/);
  });

  it('without a header, the caller is PUBLIC', async () => {
    await expect(verifier.verify(undefined)).resolves.toEqual({ role: 'PUBLIC' });
  });
});

describe('tokens refused, each with its reason', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['not a Bearer header', async () => 'Basic dXNlcjpwYXNz', /must be "Bearer <token>"/],
    ['malformed', async () => bearer('not.a.jwt'), /malformed/],
    ['garbage', async () => bearer('abc'), /malformed/],
    ['alg: none', async () => bearer(new UnsecuredJWT({ role: 'ADMIN' }).setIssuer(HUB_ISSUER).setAudience(HUB_AUDIENCE).setExpirationTime('1h').encode()), /unsigned \(alg: none\)/],
    ['signed with another key', async () => bearer(await craft({ role: 'ADMIN' }, new Uint8Array(randomBytes(32)))), /signature is wrong/],
    ['expired', async () => bearer(await craft({ role: 'ADMIN' }, secret, { exp: now() - 60 })), /expired/],
    ['not yet valid', async () => bearer(await craft({ role: 'ADMIN' }, secret, { nbf: now() + 3600 })), /not valid yet/],
    ['an unknown role', async () => bearer(await craft({ role: 'ROOT' })), /not one of the hub's roles/],
    ['a SERVICE role made with the callers\' key', async () => bearer(await craft({ role: 'SERVICE' })), /not one of the hub's roles/],
    ['a regional token without its region', async () => bearer(await craft({ role: 'REGIONAL_APP' })), /must name its region/],
    ['a subject that is not a string', async () => bearer(await craft({ role: 'ADMIN', sub: 42 })), /"sub" claim must be a string/],
    ['a subject over 255 characters', async () => bearer(await craft({ role: 'ADMIN', sub: 'x'.repeat(256) })), /"sub" claim must be a string of at most 255/],
    [
      'signed with RS256 where HS256 is expected',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return bearer(await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'RS256' }).setExpirationTime('1h').sign(privateKey));
      },
      /signed with RS256; this hub accepts HS256/,
    ],
    [
      'without an expiry',
      async () => bearer(await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(HUB_ISSUER).setAudience(HUB_AUDIENCE).sign(secret)),
      /no expiry/,
    ],
    [
      'for another audience',
      async () => bearer(await new SignJWT({ role: 'ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(HUB_ISSUER).setAudience('elsewhere').setExpirationTime('1h').sign(secret)),
      /"aud" claim/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    await expect(verifier.verify(await make())).rejects.toThrow(message);
  });
});

describe('keys from a JWKS URL', () => {
  it('verifies a provider\'s RS256 token and refuses one signed by another key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const jwks = createTokenVerifier({ kind: 'jwks', url, issuer: 'https://id.example', audience: 'tepat' });
      const sign = (key: CryptoKey, kid: string) =>
        new SignJWT({ role: 'AUDITOR' }).setProtectedHeader({ alg: 'RS256', kid }).setIssuer('https://id.example').setAudience('tepat').setSubject('bpk-07').setExpirationTime('5m').sign(key);
      await expect(jwks.verify(bearer(await sign(privateKey, 'k1')))).resolves.toEqual({ role: 'AUDITOR', subject: 'bpk-07' });
      await expect(jwks.verify(bearer(await sign(other.privateKey, 'k1')))).rejects.toThrow(/signature is wrong/);
      await expect(jwks.verify(bearer(await sign(other.privateKey, 'k2')))).rejects.toThrow(/key the identity provider does not publish/);
      // The hub's own HS256 tokens mean nothing to a deployment that uses a provider.
      await expect(jwks.verify(bearer(await issueToken({ role: 'ADMIN' }, secret)))).rejects.toThrow(/signed with HS256/);
    } finally {
      server.close();
    }
  });
});
