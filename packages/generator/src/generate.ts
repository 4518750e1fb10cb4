/**
 * `tepat generate`: a DATA.md folder that looks like Indonesia, deterministic for a seed,
 * streamed to disk, with manifest.json recording the planted mistargeting.
 */
import { loadRegions } from '@tepat/core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDisbursements, PROGRAMS, writeCollectionPoints, writePrograms } from './aid.js';
import { monthsFrom } from './calendar.js';
import type { Manifest } from './manifest.js';
import { generatePopulation } from './population.js';
import { Random } from './random.js';
import { generateCivilService, generateDtks, generateVaccination } from './registries.js';

export interface GenerateOptions {
  persons: number;
  seed: number;
  out: string;
  /** First month of the twelve of disbursements (default 2025-01: fixed, so a seed always gives the same files). */
  firstPeriod?: string;
  months?: number;
  onProgress?(message: string): void;
}

export async function generate(options: GenerateOptions): Promise<Manifest> {
  if (!Number.isInteger(options.persons) || options.persons < 1) throw new Error('--persons must be a positive integer.');
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer.');
  const log = options.onProgress ?? (() => {});
  const months = monthsFrom(options.firstPeriod ?? '2025-01', options.months ?? 12);
  const until = months.at(-1)!.last;
  const regions = await loadRegions();
  const root = new Random(options.seed);
  // One stream per phase: changing how one file is drawn never reshuffles the others.
  const streams = { population: root.fork(), dtks: root.fork(), vaccination: root.fork(), civil: root.fork(), aid: root.fork() };
  const path = (file: string) => join(options.out, file);

  const population = await generatePopulation({
    random: streams.population,
    regions,
    persons: options.persons,
    until,
    path: path('population/persons.csv'),
    onProgress: (done) => log(`population: ${done} of ${options.persons} persons`),
  });
  log(`population: ${population.persons} persons in ${population.families} families`);
  const dtks = await generateDtks(streams.dtks, population, until, path('dtks/members.csv'));
  log('dtks: written');
  const vaccination = await generateVaccination(streams.vaccination, population, path('vaccination/doses.csv'));
  log('vaccination: written');
  const civil = await generateCivilService(streams.civil, population, regions, until, path('civil-service/personnel.csv'));
  log('civil-service: written');
  await writePrograms(path('aid/programs.csv'));
  const collectionPoints = await writeCollectionPoints(path('aid/collection-points.csv'), population, regions);
  const aid = await generateDisbursements(
    { random: streams.aid, p: population, r: { dtks, firstDose: vaccination.firstDose, service: civil.service }, months },
    path('aid/disbursements.csv'),
    (period) => log(`aid: ${period} written`),
  );

  const manifest: Manifest = {
    seed: options.seed,
    generatedBy: 'tepat generate',
    persons: population.persons,
    families: population.families,
    periods: months.map((m) => m.period),
    files: {
      'population/persons.csv': population.persons,
      'dtks/members.csv': dtks.rows,
      'vaccination/doses.csv': vaccination.rows,
      'civil-service/personnel.csv': civil.rows,
      'aid/programs.csv': PROGRAMS.length,
      'aid/disbursements.csv': aid.rows,
      'aid/collection-points.csv': collectionPoints,
    },
    programs: aid.programs,
  };
  writeFileSync(path('manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
