/**
 * `tepat import DIR`: loads every DATA.md file present in a folder into the database of
 * the subgraph that owns it, one transaction per file. A database no process holds is
 * opened here (and migrated); an embedded one a running hub holds is reached through
 * that service's import endpoint, so its directory is never opened twice.
 */
import { AGENCY_FILES, loadRegions, type AgencyFile } from '@tepat/core';
import {
  databaseTarget,
  DataDirInUseError,
  importFile,
  ImportFileError,
  importThroughService,
  openAndMigrate,
  readServiceFile,
  readSubgraphEnv,
  type Database,
  type ImportTarget,
  type SubgraphName,
} from '@tepat/subgraph-kit';
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { subgraphs } from '../subgraphs.js';
import { noteLines, PRINTED_PROBLEMS, problemLines, rejectsPath, RejectsWriter, summaryLine, writeReport, type FileOutcome } from './import-report.js';
import { fileProgress } from './progress.js';

export interface ImportFolderOptions {
  allowPartial: boolean;
  reportDir: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface ImportFolderResult {
  outcomes: FileOutcome[];
  reportPath: string;
  /** True when every row of every file was loaded. */
  clean: boolean;
}

/** Imports the folder; throws only when the folder itself is unusable. */
export async function importFolder(folder: string, options: ImportFolderOptions): Promise<ImportFolderResult> {
  const log = options.log ?? ((line) => console.log(line));
  const present = findFiles(folder, log);
  const outcomes: FileOutcome[] = [];
  for (const [name, files] of bySubgraph(present)) {
    const definition = await subgraphs[name]();
    const destination = await openDestination(name, options.env);
    try {
      for (const file of files) {
        const target = definition.imports.find((t) => t.file.path === file.path)!;
        const outcome = await importOne(folder, target, destination, options);
        outcomes.push(outcome);
        log(summaryLine(outcome));
        for (const line of problemLines(outcome)) log(line);
        for (const line of noteLines(outcome, PRINTED_PROBLEMS)) log(line);
      }
    } finally {
      await destination.close();
    }
  }
  const reportPath = writeReport(options.reportDir, folder, options.allowPartial, outcomes);
  log(`Report: ${reportPath}`);
  const clean = outcomes.every((o) => o.summary && o.summary.rejected === 0);
  return { outcomes, reportPath, clean };
}

/** The DATA.md files present in the folder, in load order (programmes before disbursements). */
function findFiles(folder: string, log: (line: string) => void): AgencyFile[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new Error(`${folder} is not a folder.`);
  const present = AGENCY_FILES.filter((f) => existsSync(join(folder, f.path)));
  if (present.length === 0) {
    throw new Error(`${folder} holds none of the files DATA.md describes (${AGENCY_FILES.map((f) => f.path).join(', ')}).`);
  }
  const known = new Set(AGENCY_FILES.map((f) => f.path));
  for (const path of csvFilesUnder(folder)) {
    const rel = relative(folder, path);
    if (!known.has(rel)) log(`Skipping ${rel}: not a file DATA.md describes.`);
  }
  return present;
}

function csvFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.csv'))
    .map((e) => join(e.parentPath, e.name));
}

function bySubgraph(files: AgencyFile[]): Map<SubgraphName, AgencyFile[]> {
  const groups = new Map<SubgraphName, AgencyFile[]>();
  for (const file of files) groups.set(file.subgraph, [...(groups.get(file.subgraph) ?? []), file]);
  return groups;
}

type Destination =
  | { kind: 'database'; db: Database; close(): Promise<void> }
  | { kind: 'service'; service: NonNullable<ReturnType<typeof readServiceFile>>; close(): Promise<void> };

/** The subgraph's database opened here, or the running service that holds it. */
async function openDestination(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): Promise<Destination> {
  const target = databaseTarget(name, readSubgraphEnv(name, env));
  try {
    const { db } = await openAndMigrate(await subgraphs[name](), target);
    return { kind: 'database', db, close: () => db.close() };
  } catch (error) {
    if (!(error instanceof DataDirInUseError) || !('dir' in target)) throw error;
    const service = readServiceFile(target.dir);
    if (!service || service.pid !== error.pid) {
      throw new Error(`${error.message} It is not a running service that takes imports; wait for it to finish.`);
    }
    return { kind: 'service', service, close: async () => {} };
  }
}

async function importOne(folder: string, target: ImportTarget, destination: Destination, options: ImportFolderOptions): Promise<FileOutcome> {
  const path = join(folder, target.file.path);
  const rejects = new RejectsWriter(target.file, rejectsPath(options.reportDir, target.file));
  const progress = fileProgress(target.file.path, statSync(path).size);
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  const handlers = {
    allowPartial: options.allowPartial,
    onReject: (r: Parameters<RejectsWriter['add']>[0]) => rejects.add(r),
    onProgress: (p: { rows: number; bytes: number }) => progress.update(p.rows, p.bytes),
  };
  const outcome: FileOutcome = { file: target.file.path, firstProblems: rejects.firstProblems, problems: 0 };
  try {
    outcome.summary =
      destination.kind === 'database'
        ? await importFile(destination.db.sql, target, input, { ...handlers, regions: await loadRegions() })
        : await importThroughService(destination.service, target, input, handlers);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    outcome.failure = error.message;
    rejects.add({ line: error.line, column: '', reason: error.message, record: null });
  } finally {
    input.destroy();
    progress.stop();
    outcome.rejectsPath = await rejects.close();
    outcome.problems = rejects.problems;
  }
  return outcome;
}
