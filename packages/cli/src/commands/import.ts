/** `tepat import DIR [--allow-partial] [--report DIR]` (DATA.md, API.md). */
import { readHubEnv } from '@tepat/subgraph-kit';
import { join, resolve } from 'node:path';
import { importFolder } from '../import/import-folder.js';

export async function importCommand(folder: string, options: { allowPartial?: boolean; report?: string }): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportDir = resolve(options.report ?? join(readHubEnv().dataDir, 'imports', stamp));
  const { clean } = await importFolder(resolve(folder), { allowPartial: options.allowPartial ?? false, reportDir });
  // Anything rejected is a failure for scripts, even when the good rows were loaded.
  if (!clean) process.exitCode = 1;
}
