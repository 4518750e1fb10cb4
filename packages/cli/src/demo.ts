/**
 * The demo data set `npm start` loads into an empty data directory, so a first start shows
 * a working hub with a generated Indonesia (planted mistargeting included) rather than
 * empty answers. A directory with anything in it, or databases on a server, are left alone.
 */
import { generateInWorker } from './commands/generate.js';
import { envSuffix, readHubEnv, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importFolder } from './import/import-folder.js';

const DEMO_SEED = 1;

/** True when `start` should load the demo first. */
export function wantsDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  const { dataDir } = readHubEnv(env);
  const onServer = SUBGRAPH_NAMES.some((name) => env[`DATABASE_URL_${envSuffix(name)}`]);
  return !onServer && (!existsSync(dataDir) || readdirSync(dataDir).length === 0);
}

/** Generates the demo folder under the data directory and imports it. */
export async function loadDemo(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { dataDir, demoPersons } = readHubEnv(env);
  const folder = join(dataDir, 'demo-data');
  console.log(`The data directory ${dataDir} is empty: loading a demo data set of ${demoPersons} generated persons first.`);
  await generateInWorker({ persons: demoPersons, seed: DEMO_SEED, out: folder }, (message) => console.log(`  generate: ${message}`));
  const { clean, reportPath } = await importFolder(folder, {
    allowPartial: false,
    reportDir: join(dataDir, 'imports', 'demo'),
    env,
    log: (line) => console.log(`  import: ${line}`),
  });
  if (!clean) throw new Error(`The demo data did not import cleanly; see ${reportPath}.`);
  console.log(`Demo data loaded (the files and manifest.json are in ${folder}).\n`);
}
