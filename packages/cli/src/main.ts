/** `tepat`: every command of the hub (API.md). */
import { Command } from 'commander';

/**
 * A command's module, loaded when the command runs: a service's process then holds only its own
 * command's code, not the gateway's, analytics' and the importer's as well (60 MB less resident
 * in each, issue 20's memory aim). Commander calls an action with the command's arguments,
 * its options and then the Command itself, so a command function takes no optional parameter
 * after those it declares (it would receive the Command).
 */
function lazy<M extends Record<K, (...args: never[]) => Promise<void>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return async (...args: unknown[]): Promise<void> => (await load())[name](...(args as never[]));
}

const program = new Command('tepat').description('Tepat: who should receive social assistance, and proof that it reached them.');

program
  .command('start')
  .option('--no-demo', 'do not load the demo data set into an empty data directory')
  .description(
    'Start the whole hub on this machine in four processes (records, workflows, analytics, gateway). An empty data directory ' +
      'first gets a generated demo data set ($TEPAT_DEMO_PERSONS persons, default 100000).',
  )
  .action(lazy(() => import('./commands/start.js'), 'startCommand'));

program
  .command('serve')
  .argument('<services...>', 'gateway, analytics, or one or more of population, dtks, vaccination, civil-service, aid-history, eligibility, intake, audit')
  .description('Run a service in this process, or several subgraphs sharing it (the gateway and analytics run alone).')
  .action(lazy(() => import('./commands/serve.js'), 'serveCommand'));

program
  .command('generate')
  .requiredOption('--persons <n>', 'how many persons')
  .option('--seed <s>', 'the seed: the same seed writes the same files', '1')
  .requiredOption('--out <dir>', 'the folder to write (DATA.md layout, plus manifest.json)')
  .description('Write a generated Indonesia with planted mistargeting, for development, tests and benchmarks.')
  .action(lazy(() => import('./commands/generate.js'), 'generateCommand'));

program
  .command('import')
  .argument('<dir>', 'a folder laid out as DATA.md says (population/persons.csv, dtks/members.csv, ...)')
  .option('--allow-partial', 'load the good rows of a file with bad rows (the bad ones go to the report)')
  .option('--report <dir>', 'where to write the report and rejected rows (default: $TEPAT_DATA_DIR/imports/<time>)')
  .description("Load agencies' CSV files into the subgraphs' databases, each file all or nothing.")
  .action(lazy(() => import('./commands/import.js'), 'importCommand'));

program
  .command('screen')
  .requiredOption('--rule-set <code>', 'the rule set, e.g. DTKS')
  .option('--program <code>', "the programme screened for: its own payments do not count against NO_PRIOR_AID or FAMILY_NOT_RECEIVING (RULES.md)")
  .requiredOption('--in <file>', 'NIKs, one per line (a header line is skipped; more columns are ignored)')
  .requiredOption('--out <file>', 'decisions CSV; an existing one is resumed after its last complete row')
  .option('--as-of <date>', 'YYYY-MM-DD (default: today in Asia/Jakarta, or the date of the output being resumed)')
  .option('--batch <n>', 'NIKs per eligibilityBatch call, at most 10000', '1000')
  .option('--concurrency <n>', 'batches in flight at once, 1 to 8 (rows are still written in input order)', '2')
  .option('--token <jwt>', 'the bearer token to screen with (default: $TEPAT_TOKEN); see tepat token')
  .option('--purpose <text>', 'the case or purpose, sent as X-Tepat-Purpose (required of auditors)')
  .description('Screen a file of NIKs of any size through the gateway, with progress; resumable.')
  .action(lazy(() => import('./commands/screen.js'), 'screenCommand'));

program
  .command('token')
  .requiredOption('--role <role>', 'REGIONAL_APP, FACILITATOR, OPERATOR, ANALYST, AUDITOR or ADMIN')
  .option('--region <code>', 'the region a REGIONAL_APP, FACILITATOR or OPERATOR works in: a province, regency, district or village code, e.g. 35.10 or 64.74.01.1001')
  .option('--subject <name>', 'who the token is for, e.g. banyuwangi-app')
  .option('--ttl <duration>', 'how long it is valid, e.g. 30m, 8h, 7d', '8h')
  .description("Print a bearer token signed with this hub's key (the key is made in the data directory on first use).")
  .action(lazy(() => import('./commands/token.js'), 'tokenCommand'));

program
  .command('migrate')
  .argument('[subgraphs...]', 'which subgraphs (default: all)')
  .description("Apply pending migrations to the subgraphs' databases (start does this too).")
  .action(lazy(() => import('./commands/migrate.js'), 'migrateCommand'));

program
  .command('migration')
  .description('Author migrations (development).')
  .command('new')
  .argument('<subgraph>', 'the subgraph whose prisma/schema.prisma changed')
  .argument('<name>', 'snake_case name of the change, e.g. add_search_index')
  .description('Write the migration that takes the committed migrations to schema.prisma.')
  .action(lazy(() => import('./commands/migration-new.js'), 'migrationNewCommand'));

program
  .command('analytics')
  .description('Targeting analytics on ClickHouse (METRICS.md).')
  .command('refresh')
  .option('--full', 'read every source again, even those unchanged since the last refresh')
  .description(
    "Recompute the analytics tables from the subgraphs' databases, through the running hub when it runs. " +
      'The previous tables stay served until the new ones are complete and pass their invariants.',
  )
  .action(lazy(() => import('./commands/analytics-refresh.js'), 'analyticsRefreshCommand'));

const audit = program
  .command('audit')
  .description("Prove the hub's logs (issue 21): the decision log (eligibility) and the access log (audit) are hash-chained.");
audit
  .command('verify')
  .option('--anchors <file>', 'the anchors to check against (default: $TEPAT_AUDIT_ANCHORS, else <data dir>/audit/anchors.jsonl)')
  .description('Check every link of the decision and access logs, their heads and the anchors; name the first row altered, inserted or removed (exit 1).')
  .action(lazy(() => import('./commands/audit.js'), 'auditVerifyCommand'));
audit
  .command('anchor')
  .option('--through <date>', 'anchor every day up to this one, YYYY-MM-DD (default: yesterday in Asia/Jakarta)')
  .option('--anchors <file>', 'the file to append to (default: as for verify)')
  .description("Append each log's last link of every day not yet anchored to the anchors file, to publish or hand to BPK or the Inspektorat.")
  .action(lazy(() => import('./commands/audit.js'), 'auditAnchorCommand'));
audit
  .command('rederive')
  .option('--from <date>', 'decisions made on or after this day, YYYY-MM-DD (Asia/Jakarta)')
  .option('--to <date>', 'decisions made on or before this day, YYYY-MM-DD')
  .description('Decide every stored decision again from its evidence under the rule-set version it names, and list those that differ (exit 1).')
  .action(lazy(() => import('./commands/audit.js'), 'auditRederiveCommand'));
audit
  .command('move-access-log')
  .description(
    "Move the access log from eligibility's database, where hubs before the audit service kept it, into the audit service's, " +
      'with its ids and hashes; a log that does not end on its own chain head is left where it is. `tepat start` does this by itself.',
  )
  .action(lazy(() => import('./commands/audit.js'), 'auditMoveAccessLogCommand'));

program.parseAsync().catch((error: Error) => {
  console.error(`tepat: ${error.message}`);
  process.exitCode = 1;
});
