/**
 * The real hub over a generated Indonesia (@tepat/generator), loaded through its import and
 * refreshed into analytics: what the analytics flows and the browser tests read figures from.
 */
import { generate, type Manifest } from '@tepat/generator';
import type { Build } from '@tepat/analytics';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFederatedHub, type FederatedHub } from './federated-hub.js';

/** The DATA.md files the generator writes and the hub loads. */
export const GENERATED_FILES = ['population/persons.csv', 'dtks/members.csv', 'vaccination/doses.csv', 'civil-service/personnel.csv', 'aid/programs.csv', 'aid/disbursements.csv'];

export interface GeneratedHub {
  hub: FederatedHub;
  manifest: Manifest;
  /** The first analytics build. */
  build: Build;
  /** Where the generated files are. */
  dataDir: string;
  close(): Promise<void>;
}

/** `minCell`: the small-cell k analysts read at (API.md; the service's default when absent). */
export async function startGeneratedHub(options: { persons: number; seed: number; minCell?: number }): Promise<GeneratedHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tepat-generated-'));
  try {
    const manifest = await generate({ persons: options.persons, seed: options.seed, out: dataDir });
    const hub = await startFederatedHub({ analytics: true, minCell: options.minCell });
    await hub.load(Object.fromEntries(GENERATED_FILES.map((f) => [f, readFileSync(join(dataDir, f), 'utf8')])));
    const build = await hub.refreshAnalytics();
    return {
      hub,
      manifest,
      build,
      dataDir,
      async close() {
        await hub.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
