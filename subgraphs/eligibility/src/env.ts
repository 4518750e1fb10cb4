/** Where eligibility reads its facts (the gateway, so the supergraph plans every fetch) and keeps the logs' anchors. */
import { parseEnv, readHubEnv } from '@tepat/subgraph-kit';
import { join, resolve } from 'node:path';
import { z } from 'zod';

export interface EligibilityEnv {
  /** The gateway's GraphQL URL (`TEPAT_GATEWAY_URL`, else `TEPAT_HOST` and `TEPAT_PORT`). */
  gatewayUrl: string;
  /** How long one facts query through the gateway may take. */
  factsTimeoutMs: number;
  /** Where each log's daily head hash is written and checked against (`TEPAT_AUDIT_ANCHORS`, log-chain.ts). */
  anchorsFile: string;
}

export function readEligibilityEnv(env: NodeJS.ProcessEnv = process.env): EligibilityEnv {
  const { TEPAT_FACTS_TIMEOUT_MS, TEPAT_AUDIT_ANCHORS } = parseEnv(
    z.object({
      TEPAT_FACTS_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
      TEPAT_AUDIT_ANCHORS: z.string().min(1).optional(),
    }),
    env,
    'the eligibility subgraph',
  );
  const hub = readHubEnv(env);
  return {
    gatewayUrl: hub.gatewayUrl,
    factsTimeoutMs: TEPAT_FACTS_TIMEOUT_MS,
    anchorsFile: resolve(TEPAT_AUDIT_ANCHORS ?? join(hub.dataDir, 'audit', 'anchors.jsonl')),
  };
}
