/** Part 1: single checks through the gateway at 1, 16 and 64 clients, every request another NIK. */
import { oneDecimal as ms1, whole } from '../support/format.js';
import { AS_OF, decided, ELIGIBILITY_QUERY, RULE_SET_CODE, undetermined } from './checks.js';
import { WARM_UP_SECONDS, type Context } from './context.js';
import { loadRun, printLoad, type LabelledLoad } from './load.js';

const LEVELS = [1, 16, 64];

/** A load of single checks as ADMIN, for part 1 and the profiled load of part 5. */
export const checksLoad = (context: Context, connections: number, seconds: number) => ({
  url: context.hub.gatewayUrl,
  connections,
  seconds,
  body: () => JSON.stringify({ query: ELIGIBILITY_QUERY, variables: { nik: context.nextNik() } }),
  headers: context.callers.asAdmin,
  ok: decided,
  flag: undetermined,
});

export async function singleChecks(context: Context): Promise<LabelledLoad[]> {
  console.log(`\n1. single checks: eligibility(nik, ruleSet: ${RULE_SET_CODE}, asOf: ${AS_OF}) through the gateway, every request another NIK`);
  await loadRun('warm-up', null, checksLoad(context, 16, WARM_UP_SECONDS));
  const results: LabelledLoad[] = [];
  for (const connections of LEVELS) {
    const r = await loadRun('eligibility', context.maxWait, checksLoad(context, connections, context.seconds));
    results.push(r);
    console.log(`  ${connections} clients: ${whole(r.rps)} req/s, p99 ${ms1(r.p99)} ms, ${r.errors} errors`);
  }
  printLoad(results);
  return results;
}
