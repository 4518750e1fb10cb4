/**
 * Importing into an embedded database that a running service holds. Only one process may
 * open a PGlite directory (shared/notes/prisma.md), so `tepat import` streams the file to
 * the service that owns it, which runs the same `importFile` and streams back its
 * progress, rejects and summary as JSON lines; the service is found by its `service.json`
 * (service-discovery.ts).
 */
import { loadRegions } from '@tepat/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { importFile, ImportFileError, type ImportProgress, type ImportReject, type ImportSummary, type ImportTarget } from './bulk-import.js';
import type { ServiceFile } from './service-discovery.js';
import type { Sql } from './sql.js';

export const IMPORT_PATH = '/import';

/** One line of the endpoint's answer. */
type ImportEvent =
  | ({ type: 'progress' } & ImportProgress)
  | ({ type: 'reject' } & ImportReject)
  | ({ type: 'summary' } & ImportSummary)
  | { type: 'error'; message: string; line?: number };

/** The service side: `POST /import?file=<path>&allowPartial=true` with the CSV as the body. */
export function importHandler(sql: Sql, imports: readonly ImportTarget[], serviceToken: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || req.headers.authorization !== `Bearer ${serviceToken}`) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Imports need POST and the token in this service’s service.json.' }));
      return;
    }
    const target = imports.find((t) => t.file.path === url.searchParams.get('file'));
    if (!target) {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `This service takes ${imports.map((t) => t.file.path).join(', ')}.` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const send = (event: ImportEvent) => res.write(JSON.stringify(event) + '\n');
    try {
      const summary = await importFile(sql, target, req, {
        allowPartial: url.searchParams.get('allowPartial') === 'true',
        regions: await loadRegions(),
        onReject: (r) => send({ type: 'reject', ...r }),
        onProgress: (p) => send({ type: 'progress', ...p }),
        assertComplete: () => {
          if (!req.complete) throw new Error('The upload was cut short; nothing of the file was loaded.');
        },
      });
      send({ type: 'summary', ...summary });
    } catch (error) {
      const line = error instanceof ImportFileError ? error.line : undefined;
      send({ type: 'error', message: (error as Error).message, line });
      // The rest of the body is of no use; stop reading it.
      req.resume();
    }
    res.end();
  };
}

/** The client side: sends one file to the service and relays its events; resolves with the summary. */
export async function importThroughService(
  service: ServiceFile,
  target: ImportTarget,
  input: Readable,
  options: { allowPartial: boolean; onReject(r: ImportReject): void; onProgress?(p: ImportProgress): void },
): Promise<ImportSummary> {
  const params = new URLSearchParams({ file: target.file.path, allowPartial: String(options.allowPartial) });
  const response = await fetch(`${service.url}${IMPORT_PATH}?${params}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.serviceToken}`, 'content-type': 'text/csv' },
    body: Readable.toWeb(input) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok || !response.body) {
    throw new Error(`The service at ${service.url} refused the import (${response.status}): ${await response.text()}`);
  }
  let summary: ImportSummary | undefined;
  for await (const text of createInterface({ input: Readable.fromWeb(response.body as never) })) {
    const event = JSON.parse(text) as ImportEvent;
    if (event.type === 'progress') options.onProgress?.(event);
    else if (event.type === 'reject') options.onReject(event);
    else if (event.type === 'error') {
      throw event.line !== undefined ? new ImportFileError(target.file.path, event.line, stripPrefix(event.message)) : new Error(event.message);
    } else summary = event;
  }
  if (!summary) throw new Error(`The service at ${service.url} stopped before finishing ${target.file.path}; nothing of it was loaded.`);
  return summary;
}

/** ImportFileError's message already begins with "file, line N: ". */
function stripPrefix(message: string): string {
  return message.replace(/^[^,]+, line \d+: /, '');
}
