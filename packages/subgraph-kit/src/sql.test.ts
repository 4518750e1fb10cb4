/** writeWithoutEnding: an export written into a response that may be slow, fail or close. */
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeWithoutEnding } from './sql.js';

async function* chunks(count: number) {
  for (let i = 0; i < count; i++) yield Buffer.from(`row ${i}\n`);
}

/** A response that takes a moment per chunk and holds one chunk before it pushes back. */
function slowResponse(received: string[], onWrite?: (stream: Writable, n: number) => void) {
  const stream: Writable = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk.toString());
      onWrite?.(stream, received.length);
      setTimeout(done, 1);
    },
  });
  return stream;
}

describe('writeWithoutEnding', () => {
  it('waits for room and writes every chunk in order, leaving the output open', async () => {
    const received: string[] = [];
    const out = slowResponse(received);
    await writeWithoutEnding(chunks(50), out);
    await sleep(5);
    expect(received).toEqual(Array.from({ length: 50 }, (_, i) => `row ${i}\n`));
    expect(out.writableEnded).toBe(false);
  });

  it('stops with a message when the output closes while it waits', async () => {
    const received: string[] = [];
    const out = slowResponse(received, (stream, n) => n === 3 && setImmediate(() => stream.destroy()));
    await expect(writeWithoutEnding(chunks(50), out)).rejects.toThrow('The output was closed before the export was written.');
    expect(received.length).toBeLessThan(50);
  });

  it('stops with the error when the output fails while it waits', async () => {
    const received: string[] = [];
    const out = slowResponse(received, (stream, n) => n === 3 && setImmediate(() => stream.destroy(new Error('socket hang up'))));
    await expect(writeWithoutEnding(chunks(50), out)).rejects.toThrow('socket hang up');
  });
});
