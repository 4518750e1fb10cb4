/**
 * Reads a CSV stream in chunks of records with their line numbers, pausing while the
 * caller works on a chunk (backpressure), through papaparse: several times faster than
 * csv-parse (bench/README.md, "Measured choices").
 */
import Papa from 'papaparse';
import type { Readable } from 'node:stream';

export interface CsvRecord {
  /** Line of the file the record starts on; the first line is 1. */
  line: number;
  fields: string[];
  /** Set when the record's quoting is broken. */
  problem?: string;
}

/** The file is not CSV from some line on (an unterminated quote swallows the rest). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Calls `onRecords` for each chunk of records with the bytes read so far, one chunk at a
 * time; resolves after the last. Reading starts here: nothing may consume `input` before.
 */
export function readCsv(input: Readable, onRecords: (records: CsvRecord[], bytesRead: number) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    let line = 1;
    let first = true;
    let failed = false;
    let working: Promise<void> = Promise.resolve();
    const fail = (error: unknown, parser?: Papa.Parser) => {
      if (failed) return;
      failed = true;
      parser?.abort();
      input.destroy();
      reject(error);
    };
    // A stream that closes without ending (a client gone mid-upload) must fail, not look complete.
    let ended = false;
    let bytesRead = 0;
    input.once('end', () => (ended = true));
    // Attached in the same tick as the parser's own listener, so no chunk flows past either.
    input.on('data', (chunk: Buffer | string) => (bytesRead += chunk.length));
    input.once('close', () => {
      if (!ended) fail(new Error('The input stopped before its end; nothing of it was loaded.'));
    });
    Papa.parse<string[]>(input as unknown as File, {
      delimiter: ',',
      header: false,
      skipEmptyLines: false,
      chunk(results, parser) {
        if (failed) return;
        parser.pause();
        const problems = new Map(results.errors.map((e) => [e.row, e]));
        const records: CsvRecord[] = [];
        for (let i = 0; i < results.data.length; i++) {
          const fields = results.data[i]!;
          if (first) {
            // A byte-order mark some spreadsheet programs write before the header.
            fields[0] = fields[0]!.replace(/^\uFEFF/, '');
            first = false;
          }
          const at = line;
          line += 1 + embeddedLineBreaks(fields);
          const error = problems.get(i);
          if (error?.code === 'MissingQuotes') {
            fail(new CsvSyntaxError(at, 'a quoted field is never closed, so the rest of the file cannot be read'), parser);
            return;
          }
          if (fields.length === 1 && fields[0] === '') continue; // a blank line
          records.push(error ? { line: at, fields, problem: `has malformed quotes (${error.message})` } : { line: at, fields });
        }
        working = onRecords(records, bytesRead).then(
          () => parser.resume(),
          (error) => fail(error, parser),
        );
      },
      complete: () => void working.then(() => !failed && resolve()),
      error: (error: Error) => fail(error),
    });
  });
}

function embeddedLineBreaks(fields: string[]): number {
  let count = 0;
  for (const field of fields) {
    if (field.indexOf('\n') === -1) continue;
    for (const ch of field) if (ch === '\n') count++;
  }
  return count;
}
