/**
 * The whole hub's resident memory at rest (issue 20's memory aim): `tepat start` on a demo of
 * N persons, each of its processes' resident memory (VmRSS) SECONDS after the banner, and the
 * sum. The data directory may be given to reuse a demo already imported (the first start
 * generates and imports it).
 *
 *   npx tsx bench/hub-memory.ts [--persons 20000] [--data-dir DIR] [--seconds 10]
 *
 * Figures depend on the machine; nothing is asserted.
 */
import { parseArgs } from 'node:util';
import { whole } from './support/format.js';
import { hubSetup, startHub } from './support/hub.js';
import { memoryOf } from './support/memory.js';
import { positiveInteger } from './support/options.js';
import { printTable } from './support/table.js';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    'data-dir': { type: 'string' },
    seconds: { type: 'string', default: '10' },
  },
});
const persons = positiveInteger('persons', values.persons);
const seconds = positiveInteger('seconds', values.seconds);

const hub = await startHub(await hubSetup({ persons, dataDir: values['data-dir'] }), { keep: Boolean(values['data-dir']) });
try {
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const rows = [...hub.services()].map(([name, pid]): [string, number] => [name, memoryOf(pid)?.rss ?? 0]);
  const total = rows.reduce((sum, [, mb]) => sum + mb, 0);
  console.log(`${whole(persons)} demo persons, ${seconds} s after the banner:`);
  printTable(['process', 'resident MB'], [...rows.map(([name, mb]) => [name, whole(mb)]), ['the whole hub', whole(total)]]);
} finally {
  await hub.stop();
}
