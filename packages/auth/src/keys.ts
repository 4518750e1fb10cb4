/** Which keys this hub uses, from its configuration (read by subgraph-kit's `readHubEnv`). */
import { dataDirKey, decodeKey } from './secrets.js';
import type { TokenKeys } from './tokens.js';

export interface AuthConfig {
  dataDir: string;
  /** TEPAT_JWT_SECRET: the HS256 key of callers' tokens; made in the data directory when absent. */
  jwtSecret?: string;
  /** TEPAT_JWKS_URL: verify callers' tokens with an identity provider's keys instead. */
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** TEPAT_INTERNAL_KEY: signs what the gateway forwards to subgraphs; made in the data directory when absent. */
  internalKey?: string;
}

/** The keys of callers' tokens. */
export function userTokenKeys(config: AuthConfig): TokenKeys {
  const claims = { issuer: config.jwtIssuer, audience: config.jwtAudience };
  if (config.jwksUrl) return { kind: 'jwks', url: config.jwksUrl, ...claims };
  const secret = config.jwtSecret ? decodeKey(config.jwtSecret, 'TEPAT_JWT_SECRET') : dataDirKey(config.dataDir, 'jwt');
  return { kind: 'secret', secret, ...claims };
}

/** The key that signs callers forwarded inside the hub and the hub's service tokens. */
export function internalKey(config: AuthConfig): Uint8Array {
  return config.internalKey ? decodeKey(config.internalKey, 'TEPAT_INTERNAL_KEY') : dataDirKey(config.dataDir, 'internal');
}
