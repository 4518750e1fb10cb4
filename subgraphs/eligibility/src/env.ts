/** Where eligibility reads its facts: the gateway, so the supergraph plans every fetch. */
import { parseEnv, readHubEnv } from '@tepat/subgraph-kit';
import { z } from 'zod';

export interface EligibilityEnv {
  /** The gateway's GraphQL URL (`TEPAT_GATEWAY_URL`, else `TEPAT_HOST` and `TEPAT_PORT`). */
  gatewayUrl: string;
  /** How long one facts query through the gateway may take. */
  factsTimeoutMs: number;
}

export function readEligibilityEnv(env: NodeJS.ProcessEnv = process.env): EligibilityEnv {
  const { TEPAT_FACTS_TIMEOUT_MS } = parseEnv(
    z.object({ TEPAT_FACTS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000) }),
    env,
    'the eligibility subgraph',
  );
  const hub = readHubEnv(env);
  return {
    gatewayUrl: hub.gatewayUrl,
    factsTimeoutMs: TEPAT_FACTS_TIMEOUT_MS,
  };
}
