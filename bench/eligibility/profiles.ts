/**
 * Part 5: CPU profiles of the gateway, population and eligibility during P seconds of single
 * checks at 16 clients, each service started by `tepat serve` in a process of its own (not
 * `tepat start`'s layout, so that each profile is one service's), on the stopped hub's data and
 * ports, those three under `node --cpu-prof`; only the samples of the measured load count.
 */
import { SUBGRAPH_NAMES } from '@tepat/subgraph-kit';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TEPAT } from '../support/hub.js';
import { spawnNode, stopProcess, waitReady, type NodeProcess } from '../support/processes.js';
import { printProfile, summariseProfile } from '../support/profile.js';
import { waitForQuiet } from '../support/quiet.js';
import { WARM_UP_SECONDS, type Context } from './context.js';
import { loadRun, printLoad, tracked } from './load.js';
import { checksLoad } from './single-checks.js';

const PROFILED = ['gateway', 'population', 'eligibility'];

export async function profiles(context: Context, seconds: number): Promise<void> {
  const { hub } = context;
  console.log(`\n5. CPU profiles: each service by \`tepat serve\`, gateway, population and eligibility under node --cpu-prof; ${seconds} s of single checks at 16 clients`);
  const profileDir = join(context.scratch, 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const services = new Map<string, NodeProcess>();
  const serve = (name: string) => {
    const prof = PROFILED.includes(name) ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
    const service = spawnNode([...prof, TEPAT, 'serve', name], { env: hub.env });
    services.set(name, service);
    tracked.set(name, service.child.pid!);
    return service;
  };
  const base = (port: number) => `http://127.0.0.1:${port}`;
  try {
    await Promise.all(SUBGRAPH_NAMES.map((name) => waitReady(base(hub.ports.subgraphs[name]), name, serve(name))));
    await waitReady(base(hub.ports.gateway), 'gateway', serve('gateway'));
    // Only the samples taken during the measured load are summarised, not start-up or this warm-up.
    await loadRun('warm-up', null, checksLoad(context, 16, WARM_UP_SECONDS));
    await waitForQuiet('the profiled load', { maxSeconds: context.maxWait });
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const profiled = await loadRun('eligibility (profiled)', null, checksLoad(context, 16, seconds));
    const toUs = Number(process.hrtime.bigint() / 1000n);
    printLoad([profiled]);
    // A profile is written when its process exits.
    for (const [name, service] of [...services].reverse()) await stopProcess(service, name);
    tracked.clear();
    for (const name of PROFILED) {
      const file = join(profileDir, `${name}.cpuprofile`);
      if (!existsSync(file)) {
        console.log(`\n  ${name}: no profile written (${readdirSync(profileDir).join(', ') || 'none'})`);
        continue;
      }
      printProfile(summariseProfile(name, file, fromUs, toUs));
    }
  } finally {
    for (const [name, service] of services) await stopProcess(service, name);
  }
}
