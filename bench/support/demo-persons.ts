/** The persons of a hub's demo, from its population file (DATA.md columns). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoPerson {
  nik: string;
  kk: string;
  name: string;
  village: string;
}

export function demoPersons(demoFolder: string): DemoPerson[] {
  const [header, ...lines] = readFileSync(join(demoFolder, 'population/persons.csv'), 'utf8').trim().split('\n');
  const at = Object.fromEntries(header!.split(',').map((c, i) => [c, i]));
  return lines.map((line) => {
    const f = line.split(',');
    return { nik: f[at.nik!]!, kk: f[at.kk!]!, name: f[at.full_name!]!, village: f[at.village_code!]! };
  });
}
