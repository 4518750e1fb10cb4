/**
 * The whole hub for a benchmark: `tepat start` as a child process on a fresh data directory
 * with free ports (get-port), the demo of N persons loaded first, rate limits out of the way;
 * tokens signed with the keys the hub makes in its data directory.
 */
import { dataDirKey, issueToken, type Role } from '@tepat/auth';
import { envSuffix, SUPERGRAPH_NAMES } from '@tepat/subgraph-kit';
import getPort from 'get-port';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEPAT = fileURLToPath(new URL('../../packages/cli/bin/tepat.js', import.meta.url));
/** High enough that no limit of the gateway refuses the load. */
const LIMITS_OFF = '100000000';

export interface BenchHub {
  dataDir: string;
  gatewayUrl: string;
  /** The demo's DATA.md folder. */
  demoFolder: string;
  token(claims: { role: Role; region?: string; subject?: string }): Promise<string>;
  stop(): Promise<void>;
}

export async function startHub(options: { persons: number; extraEnv?: NodeJS.ProcessEnv; keep?: boolean }): Promise<BenchHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tepat-bench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    TEPAT_DATA_DIR: dataDir,
    TEPAT_DEMO_PERSONS: String(options.persons),
    TEPAT_PORT: String(await getPort()),
    TEPAT_RATE_PER_MINUTE: LIMITS_OFF,
    TEPAT_RATE_PUBLIC_PER_MINUTE: LIMITS_OFF,
    TEPAT_RATE_CHECK_PER_MINUTE: LIMITS_OFF,
    ...options.extraEnv,
  };
  for (const name of SUPERGRAPH_NAMES) env[`TEPAT_${envSuffix(name)}_PORT`] = String(await getPort());
  const child = spawn(process.execPath, [TEPAT, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Press Ctrl\+C/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`tepat start exited with ${code}:\n${output.slice(-3000)}`)));
  });
  return {
    dataDir,
    gatewayUrl: `http://127.0.0.1:${env.TEPAT_PORT}/graphql`,
    demoFolder: join(dataDir, 'demo-data'),
    token: (claims) => issueToken({ ...claims, ttl: '8h' }, dataDirKey(dataDir, 'jwt')),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
