/** Where eligibility reads its facts: the gateway, so the supergraph plans every fetch. */
import { z } from 'zod';

export interface EligibilityEnv {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** How long one facts query through the gateway may take. */
  factsTimeoutMs: number;
}

export function readEligibilityEnv(env: NodeJS.ProcessEnv = process.env): EligibilityEnv {
  const parsed = z
    .object({
      TEPAT_HOST: z.string().min(1).default('127.0.0.1'),
      TEPAT_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
      TEPAT_GATEWAY_URL: z.url().optional(),
      TEPAT_FACTS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
    })
    .safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration for the eligibility subgraph: ${problems}`);
  }
  const v = parsed.data;
  return { gatewayUrl: v.TEPAT_GATEWAY_URL ?? `http://${v.TEPAT_HOST}:${v.TEPAT_PORT}/graphql`, factsTimeoutMs: v.TEPAT_FACTS_TIMEOUT_MS };
}
