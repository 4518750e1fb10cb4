/** `tepat token --role ROLE [--region CODE] [--subject NAME] [--ttl DURATION]`: a token for local use (API.md). */
import { issueToken, isRole, userTokenKeys } from '@tepat/auth';
import { readHubEnv } from '@tepat/subgraph-kit';

export interface TokenOptions {
  role: string;
  region?: string;
  subject?: string;
  ttl?: string;
}

export async function tokenCommand(options: TokenOptions): Promise<void> {
  const role = options.role.toUpperCase();
  if (!isRole(role)) throw new Error(`--role ${options.role} is not a role; use REGIONAL_APP, FACILITATOR, OPERATOR, ANALYST, AUDITOR or ADMIN.`);
  const keys = userTokenKeys(readHubEnv().auth);
  if (keys.kind !== 'secret') {
    throw new Error('TEPAT_JWKS_URL is set: this hub accepts tokens from that identity provider only, so tepat token cannot make one.');
  }
  console.log(await issueToken({ role, region: options.region, subject: options.subject, ttl: options.ttl }, keys.secret));
}
