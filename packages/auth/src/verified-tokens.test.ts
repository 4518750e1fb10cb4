import { describe, expect, it, jest } from '@jest/globals';
import { VerifiedTokens } from './verified-tokens.js';

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

describe('tokens already verified', () => {
  it('are verified once while they live', async () => {
    const cache = new VerifiedTokens<{ role: string }>();
    const verify = jest.fn(async () => ({ value: { role: 'ANALYST' }, exp: inSeconds(600) }));
    expect(await cache.get('token-a', verify)).toEqual({ role: 'ANALYST' });
    expect(await cache.get('token-a', verify)).toEqual({ role: 'ANALYST' });
    expect(verify).toHaveBeenCalledTimes(1);
    // Another token, however alike, is checked on its own.
    await cache.get('token-b', verify);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('keeps no refusal and nothing already expired: both are checked again each time', async () => {
    const cache = new VerifiedTokens<{ role: string }>();
    const refuse = jest.fn(async (): Promise<{ value: { role: string }; exp: number }> => {
      throw new Error('The token signature is wrong.');
    });
    await expect(cache.get('forged', refuse)).rejects.toThrow(/signature/);
    await expect(cache.get('forged', refuse)).rejects.toThrow(/signature/);
    expect(refuse).toHaveBeenCalledTimes(2);

    const expiring = jest.fn(async () => ({ value: { role: 'ADMIN' }, exp: inSeconds(-1) }));
    await cache.get('old', expiring);
    await cache.get('old', expiring);
    expect(expiring).toHaveBeenCalledTimes(2);
  });

  it('checks a token again once its expiry has passed', async () => {
    const cache = new VerifiedTokens<{ role: string }>();
    // Expires within the second: kept for what is left of it, then verified again.
    const exp = Math.floor(Date.now() / 1000) + 1;
    const verify = jest.fn(async () => ({ value: { role: 'OPERATOR' }, exp }));
    await cache.get('short', verify);
    await cache.get('short', verify);
    expect(verify).toHaveBeenCalledTimes(1);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    await cache.get('short', verify);
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
