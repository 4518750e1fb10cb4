/** `tepat generate --persons N --seed S --out DIR`: a generated Indonesia in the DATA.md layout. */
import { generate } from '@tepat/generator';
import { resolve } from 'node:path';

export async function generateCommand(options: { persons: string; seed: string; out: string }): Promise<void> {
  const started = Date.now();
  const out = resolve(options.out);
  const manifest = await generate({
    persons: Number(options.persons),
    seed: Number(options.seed),
    out,
    onProgress: (message) => console.error(message),
  });
  const rows = Object.entries(manifest.files).map(([file, n]) => `  ${file.padEnd(28)} ${n}`);
  console.log(`Wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s:\n${rows.join('\n')}\n  manifest.json`);
}
