/**
 * Who asks, with the keys `tepat start` made in the data directory: an ADMIN bearer token for
 * eligibility through the gateway and for `tepat screen` (ADMIN's checks are not
 * access-logged); a SERVICE token, as eligibility itself presents, for its facts query through
 * the gateway; an AUDITOR, whose every read also writes the access log; and, for calls straight
 * to a subgraph, the `x-tepat-caller` header the gateway would forward (ADMIN for
 * eligibility, SERVICE for the sources' `_entities`), signed with the hub's internal key.
 */
import { dataDirKey, FORWARDED_CALLER_HEADER, serviceTokens, signForwardedCaller, type Caller } from '@tepat/auth';
import type { BenchHub } from '../support/hub.js';

type HeaderSet = Record<string, string>;

/** Forwarded callers live 2 minutes: headers are signed anew this often. */
const RENEW_MS = 30_000;
const PURPOSE = 'benchmark: peer gateway comparison';

export interface Callers {
  adminToken: string;
  asAdmin: () => HeaderSet;
  asAuditor: () => HeaderSet;
  asService: () => HeaderSet;
  forwardedAdmin: () => HeaderSet;
  forwardedService: () => HeaderSet;
}

/**
 * Headers that carry a token that expires, for requests sent at any rate: signed once,
 * then anew every RENEW_MS in the background, and read without waiting.
 */
async function renewed(make: () => Promise<HeaderSet>): Promise<() => HeaderSet> {
  let current = await make();
  const timer = setInterval(() => {
    make().then(
      (headers) => (current = headers),
      (error) => console.error(`  could not renew a token: ${(error as Error).message}`),
    );
  }, RENEW_MS);
  timer.unref();
  return () => current;
}

/** The `x-tepat-caller` header the gateway would send a subgraph for `caller`. */
const forwardedAs = (caller: Caller, internalKey: Uint8Array) =>
  renewed(async () => ({ [FORWARDED_CALLER_HEADER]: await signForwardedCaller(caller, internalKey) }));

export async function callersOf(hub: BenchHub): Promise<Callers> {
  const internalKey = dataDirKey(hub.dataDir, 'internal');
  const adminToken = await hub.token({ role: 'ADMIN', subject: 'bench' });
  const auditorToken = await hub.token({ role: 'AUDITOR', subject: 'bench' });
  const serviceToken = serviceTokens('bench', internalKey);
  return {
    adminToken,
    asAdmin: () => ({ authorization: `Bearer ${adminToken}` }),
    asAuditor: () => ({ authorization: `Bearer ${auditorToken}`, 'x-tepat-purpose': PURPOSE }),
    asService: await renewed(async () => ({ authorization: `Bearer ${await serviceToken()}` })),
    forwardedAdmin: await forwardedAs({ role: 'ADMIN', subject: 'bench' }, internalKey),
    forwardedService: await forwardedAs({ role: 'SERVICE', subject: 'bench' }, internalKey),
  };
}
