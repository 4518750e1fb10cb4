// `tepat token` prints a token the hub accepts, signed with the key of its data directory.
import { describe, expect, it } from '@jest/globals';
import { createTokenVerifier, dataDirKey } from '@tepat/auth';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TEPAT = new URL('../packages/cli/bin/tepat.js', import.meta.url).pathname;

describe('tepat token', () => {
  it('prints a token for a role and region that verifies with the data directory key, and refuses bad claims', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tepat-token-'));
    try {
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [TEPAT, 'token', ...args], { env: { ...process.env, NODE_OPTIONS: '', TEPAT_DATA_DIR: dataDir }, encoding: 'utf8' });
      const made = run('--role', 'regional_app', '--region', '35.10', '--subject', 'banyuwangi-app', '--ttl', '30m');
      expect(made.status).toBe(0);
      const verifier = createTokenVerifier({ kind: 'secret', secret: dataDirKey(dataDir, 'jwt') });
      await expect(verifier.verify(`Bearer ${made.stdout.trim()}`)).resolves.toEqual({ role: 'REGIONAL_APP', region: '35.10', subject: 'banyuwangi-app' });

      const noRegion = run('--role', 'OPERATOR');
      expect(noRegion.status).not.toBe(0);
      expect(noRegion.stderr).toMatch(/must name its region/);
      const badRole = run('--role', 'ROOT');
      expect(badRole.status).not.toBe(0);
      expect(badRole.stderr).toMatch(/--role ROOT is not a role/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
