/**
 * The demo data set `npm start` loads into an empty data directory, so a first start shows
 * a working hub with a generated Indonesia (planted mistargeting included) rather than
 * empty answers. A directory with anything in it, or databases on a server, are left alone.
 */
import { generateInWorker } from './commands/generate.js';
import { envSuffix, readHubEnv, SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { TEPAT_BIN } from './tepat-bin.js';

/** The generator seed of the demo: the same persons on every machine (benches load it on a server too). */
export const DEMO_SEED = 1;

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
  // `tepat import` in a process of its own: what an import grows to (half a gigabyte for the
  // 100,000-person demo) goes back to the machine when it ends, instead of staying with this
  // process for as long as the hub runs (issue 20's memory aim).
  const reportDir = join(dataDir, 'imports', 'demo');
  const importing = spawn(process.execPath, [TEPAT_BIN, 'import', folder, '--report', reportDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [importing.stdout, importing.stderr]) createInterface({ input: stream }).on('line', (line) => console.log(`  import: ${line}`));
  const [code] = (await once(importing, 'close')) as [number | null];
  if (code !== 0) throw new Error(`The demo data did not import cleanly (tepat import exited with ${code}); see ${join(reportDir, 'report.txt')}.`);
  console.log(`Demo data loaded (the files and manifest.json are in ${folder}).\n`);
}
