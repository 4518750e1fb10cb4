/**
 * How a process on this machine finds the service that holds an embedded database. Only one
 * process may open a PGlite directory (shared/notes/prisma.md), so a running service leaves
 * a `service.json` in the data directory it holds: its address and a random service token
 * that only readers of that directory (who could read the database files anyway) can present.
 * `tepat import` streams files to it (import-endpoint.ts), analytics reads sources through it
 * (export-endpoint.ts) and `tepat analytics refresh` asks the running analytics service.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running embedded service tells other processes on this machine. */
export interface ServiceFile {
  pid: number;
  /** Base URL, e.g. http://127.0.0.1:4001. */
  url: string;
  /** The bearer token its /import, /export and /refresh endpoints take, fresh for each run. */
  serviceToken: string;
}

const SERVICE_FILE = 'service.json';

/** How long a service named in service.json has to answer before its directory is read directly. */
const PROBE_TIMEOUT_MS = 2_000;

/** A fresh secret for one run of a service. */
export function newServiceToken(): string {
  return randomBytes(24).toString('hex');
}

/** Writes the service file into the data directory the service holds; returns the function that removes it. */
export function announceService(dir: string, service: Omit<ServiceFile, 'pid'>): () => void {
  const path = join(dir, SERVICE_FILE);
  writeFileSync(path, JSON.stringify({ pid: process.pid, ...service } satisfies ServiceFile), { mode: 0o600 });
  return () => rmSync(path, { force: true });
}

/** The service file of the service that holds `dir`, or undefined. */
export function readServiceFile(dir: string): ServiceFile | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, SERVICE_FILE), 'utf8')) as ServiceFile;
  } catch {
    return undefined;
  }
}

/** Whether the service a service.json names is up: a file left by a killed service names no one. */
export async function serviceAnswers(service: ServiceFile): Promise<boolean> {
  try {
    const response = await fetch(`${service.url}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}
