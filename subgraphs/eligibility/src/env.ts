/** Where eligibility reads its facts: the gateway, so the supergraph plans every fetch. */
import { readHubEnv } from '@tepat/subgraph-kit';
import { z } from 'zod';

export interface EligibilityEnv {
  /** The gateway's GraphQL URL (`TEPAT_GATEWAY_URL`, else `TEPAT_HOST` and `TEPAT_PORT`). */
  gatewayUrl: string;
  /** How long one facts query through the gateway may take. */
  factsTimeoutMs: number;
}

export function readEligibilityEnv(env: NodeJS.ProcessEnv = process.env): EligibilityEnv {
  const parsed = z.object({ TEPAT_FACTS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000) }).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration for the eligibility subgraph: ${problems}`);
  }
  return { gatewayUrl: readHubEnv(env).gatewayUrl, factsTimeoutMs: parsed.data.TEPAT_FACTS_TIMEOUT_MS };
}
