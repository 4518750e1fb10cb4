/**
 * The sources of an analytics refresh, read from the subgraphs' databases in bulk: through
 * the running service that holds an embedded directory, else from the database itself
 * (an embedded directory nobody holds, or a PostgreSQL server).
 */
import { sourceSubgraph, type SourceFiles, type SourcePath } from '@tepat/analytics';
import { databaseTarget, exportSource, fingerprintSource, readSubgraphEnv } from '@tepat/subgraph-kit';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { subgraphs } from '../subgraphs.js';

export function hubSources(env: NodeJS.ProcessEnv = process.env): SourceFiles {
  return {
    describe: () => "the subgraphs' databases",
    async fingerprint(path: SourcePath) {
      const name = sourceSubgraph(path);
      return fingerprintSource({ definition: await subgraphs[name](), target: databaseTarget(name, readSubgraphEnv(name, env)), path });
    },
    async file(path: SourcePath, scratch: string) {
      const name = sourceSubgraph(path);
      const file = join(scratch, path.replace('/', '-'));
      const out = createWriteStream(file);
      try {
        await exportSource({ definition: await subgraphs[name](), target: databaseTarget(name, readSubgraphEnv(name, env)), path, out });
      } finally {
        out.end();
        await finished(out);
      }
      return file;
    },
  };
}
