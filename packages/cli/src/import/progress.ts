/**
 * Progress of a long file: a bar with rows/s and ETA on a terminal, a plain line every
 * few seconds otherwise (CI logs, pipes), so a log never fills with redraws.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  /** Rows done so far and bytes of the file read so far. */
  update(rows: number, bytes: number): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5_000;

/** Progress of one file of `totalBytes`; ETA is by bytes read, since rows are not known ahead. */
export function fileProgress(label: string, totalBytes: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `${label.padEnd(30)} {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
      },
    );
    bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
    return {
      update: (rows, bytes) => bar.update(Math.min(bytes, totalBytes), { rows, rate: rate(rows) }),
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = started;
  return {
    update(rows, bytes) {
      if (Date.now() - lastPrinted < PLAIN_EVERY_MS) return;
      lastPrinted = Date.now();
      const share = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 1;
      const elapsed = (Date.now() - started) / 1000;
      const eta = share > 0 ? Math.round(elapsed / share - elapsed) : 0;
      stream.write(`${label}: ${rows} rows, ${Math.round(share * 100)}%, ${rate(rows)} rows/s, ETA ${eta} s\n`);
    },
    stop() {},
  };
}
