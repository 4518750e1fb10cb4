/** Writes a CSV file row by row through a buffer, waiting for the disk when it falls behind. */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

const FLUSH_AT = 1 << 20;

export class CsvWriter {
  private readonly out: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    mkdirSync(dirname(path), { recursive: true });
    this.out = createWriteStream(path);
    this.buffer = header.join(',') + '\n';
  }

  /** One row; null and undefined are written as empty fields (DATA.md: absent). */
  async write(values: readonly (string | number | null | undefined)[]): Promise<void> {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (i > 0) line += ',';
      if (v === null || v === undefined) continue;
      const s = String(v);
      line += /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    }
    this.buffer += line + '\n';
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }
}
