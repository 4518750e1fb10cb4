/** `tepat generate --persons N --seed S --out DIR`: a generated Indonesia in the DATA.md layout. */
import type { GenerateOptions, Manifest } from '@tepat/generator';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The generator keeps under 300 MB of live objects for a million persons, but V8 left to
 * itself on a large machine lets garbage pile up to several times that; a worker with a
 * capped heap collects sooner and keeps the process within a few hundred megabytes.
 */
const HEAP_LIMIT_MB = 384;

/** Generates in a worker with a capped heap; progress goes to `onProgress`. */
export function generateInWorker(options: Omit<GenerateOptions, 'onProgress'>, onProgress: (message: string) => void): Promise<Manifest> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('../workers/generate-worker.js', import.meta.url), {
      workerData: options,
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB },
    });
    let manifest: Manifest | undefined;
    worker.on('message', (message: { progress?: string; manifest?: Manifest }) => {
      if (message.progress) onProgress(message.progress);
      if (message.manifest) manifest = message.manifest;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (manifest ? resolvePromise(manifest) : reject(new Error(`The generator stopped (exit code ${code}).`))));
  });
}

export async function generateCommand(options: { persons: string; seed: string; out: string }): Promise<void> {
  const started = Date.now();
  const out = resolve(options.out);
  const manifest = await generateInWorker({ persons: Number(options.persons), seed: Number(options.seed), out }, (message) =>
    console.error(message),
  );
  const rows = Object.entries(manifest.files).map(([file, n]) => `  ${file.padEnd(28)} ${n}`);
  console.log(`Wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s:\n${rows.join('\n')}\n  manifest.json`);
}
