/**
 * Part 2a and 2b: where the time of one check and of one 10,000-NIK batch goes, by sequential
 * calls: eligibility through the gateway, on its subgraph directly, its facts query through the
 * gateway, and each source's `_entities` fetch directly.
 */
import { oneDecimal as ms1, whole } from '../support/format.js';
import { postGraphql } from '../support/graphql.js';
import { median, quantile } from '../support/quantile.js';
import { waitForQuiet } from '../support/quiet.js';
import { printTable } from '../support/table.js';
import { BATCH, BATCH_QUERY, ELIGIBILITY_QUERY, ENTITY_SELECTIONS, entitiesQuery, FACTS_QUERY, representations } from './checks.js';
import type { Context } from './context.js';

type Check = (body: any) => string | null;

interface Call {
  label: string;
  url: string;
  headers: () => Record<string, string>;
  query: string;
  variables: () => Record<string, unknown>;
  check: Check;
}

async function timeCalls(call: Call, count: number) {
  const times: number[] = [];
  let problem: string | null = null;
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const { status, body } = await postGraphql(call.url, call.query, call.variables(), call.headers());
    times.push(performance.now() - t);
    problem ??= status !== 200 ? `HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}` : body.errors ? JSON.stringify(body.errors).slice(0, 300) : call.check(body);
  }
  return { times, problem };
}

/** The same path for one NIK and for a batch: eligibility, its facts query, each source. */
function calls(context: Context, niks: () => string[], field: string, eligibility: Pick<Call, 'query' | 'variables' | 'check'>): Call[] {
  const { hub, callers } = context;
  const none = () => null;
  return [
    { label: `${field} via the gateway`, url: hub.gatewayUrl, headers: callers.asAdmin, ...eligibility },
    { label: `${field} on its subgraph directly`, url: hub.subgraphUrl('eligibility'), headers: callers.forwardedAdmin, ...eligibility },
    { label: 'its facts query via the gateway', url: hub.gatewayUrl, headers: callers.asService, query: FACTS_QUERY, variables: () => ({ niks: niks() }), check: none },
    ...ENTITY_SELECTIONS.map(([name, selection]) => ({
      label: `_entities on ${name} directly`,
      url: hub.subgraphUrl(name),
      headers: callers.forwardedService,
      query: entitiesQuery(selection),
      variables: () => ({ representations: representations(niks()) }),
      check: none,
    })),
  ];
}

/** Prints 2a and 2b. */
export async function anatomy(context: Context): Promise<void> {
  const problems: string[] = [];
  console.log(`\n2a. one check, sequential calls (300 each, another NIK each; median and p95 ms):`);
  await waitForQuiet('the anatomy of one check', { maxSeconds: context.maxWait });
  const checkRows: [string, number[]][] = [];
  const decided = (body: any) => (body.data?.eligibility?.decision ? null : `no decision: ${JSON.stringify(body).slice(0, 200)}`);
  const one = { query: ELIGIBILITY_QUERY, variables: () => ({ nik: context.nextNik() }), check: decided };
  for (const call of calls(context, () => [context.nextNik()], 'eligibility', one)) {
    const r = await timeCalls(call, 300);
    checkRows.push([call.label, r.times]);
    if (r.problem) problems.push(`${call.label}: ${r.problem}`);
  }
  printTable(
    ['call', 'p50 ms', 'p95 ms'],
    checkRows.map(([label, times]) => [label, ms1(median(times)), ms1(quantile([...times].sort((a, b) => a - b), 0.95))]),
  );

  console.log(`\n2b. one batch of ${whole(BATCH)} NIKs, sequential calls (1 warm-up, then 3; median ms):`);
  await waitForQuiet('the anatomy of one batch', { maxSeconds: context.maxWait });
  const batchRows: [string, number[]][] = [];
  const batchNiks = () => Array.from({ length: BATCH }, () => context.nextNik());
  const batchDecided = (body: any) => {
    const list = body.data?.eligibilityBatch as { decision: string }[] | undefined;
    if (!list || list.length !== BATCH) return `expected ${BATCH} decisions: ${JSON.stringify(body).slice(0, 200)}`;
    const undeterminedCount = list.filter((d) => d.decision === 'UNDETERMINED').length;
    return undeterminedCount ? `${undeterminedCount} UNDETERMINED` : null;
  };
  const batch = { query: BATCH_QUERY, variables: () => ({ niks: batchNiks() }), check: batchDecided };
  for (const call of calls(context, batchNiks, 'eligibilityBatch', batch)) {
    await timeCalls(call, 1);
    const r = await timeCalls(call, 3);
    batchRows.push([call.label, r.times]);
    if (r.problem) problems.push(`${call.label}: ${r.problem}`);
  }
  printTable(
    ['call', 'median ms', 'min ms', `NIKs/s`],
    batchRows.map(([label, times]) => [label, whole(median(times)), whole(Math.min(...times)), whole(BATCH / (median(times) / 1000))]),
  );
  for (const p of problems) console.log(`  PROBLEM ${p}`);
}
