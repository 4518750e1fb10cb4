/** The intake service's configuration: where the gateway is, and the workflows' clocks and limits. */
import { parseEnv, readHubEnv } from '@tepat/subgraph-kit';
import { z } from 'zod';

export interface IntakeEnv {
  /** The gateway's GraphQL URL, through which every decision is asked (`TEPAT_GATEWAY_URL`, else host and port). */
  gatewayUrl: string;
  /** How long one question to the gateway may take. */
  gatewayTimeoutMs: number;
  /** How often pending applications are decided again, in seconds. */
  retrySeconds: number;
  /** Days after which an unresolved complaint is overdue (Bengkulu Utara's desks answer within two weeks). */
  complaintDueDays: number;
  /** Days the region's operators have to decide an objection before it expires (API.md: 14). */
  objectionDueDays: number;
  /** Failed names for one NIK in an hour after which the recipient check stops matching it for the hour. */
  failedNamesPerHour: number;
}

export function readIntakeEnv(env: NodeJS.ProcessEnv = process.env): IntakeEnv {
  const v = parseEnv(
    z.object({
      TEPAT_INTAKE_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
      TEPAT_INTAKE_RETRY_SECONDS: z.coerce.number().min(0.1).default(60),
      TEPAT_COMPLAINT_DUE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
      TEPAT_OBJECTION_DUE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
      TEPAT_CHECK_FAILED_NAMES: z.coerce.number().int().min(1).default(5),
    }),
    env,
    'the intake subgraph',
  );
  return {
    gatewayUrl: readHubEnv(env).gatewayUrl,
    gatewayTimeoutMs: v.TEPAT_INTAKE_TIMEOUT_MS,
    retrySeconds: v.TEPAT_INTAKE_RETRY_SECONDS,
    complaintDueDays: v.TEPAT_COMPLAINT_DUE_DAYS,
    objectionDueDays: v.TEPAT_OBJECTION_DUE_DAYS,
    failedNamesPerHour: v.TEPAT_CHECK_FAILED_NAMES,
  };
}
