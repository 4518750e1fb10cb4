/**
 * The real hub for browser tests: every subgraph and the gateway (test/support/federated-hub.ts)
 * over a generated Indonesia, refreshed into analytics (`startAppHub`), or over a few people
 * written out by hand for the workflows (`startWorkflowHub`), with the web app as built by
 * `npm run build -w @tepat/web` served by the gateway under /app/.
 */
import type { Manifest } from '@tepat/generator';
import { testServerUrl } from '@tepat/subgraph-kit/testing';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFederatedHub, type As, type FederatedHub } from '../../../test/support/federated-hub.js';
import { startGeneratedHub } from '../../../test/support/generated-hub.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Whether this run takes the screenshots (and checks that each screen fits its width): on
 * embedded storage only. A screen is the same whatever stores the data behind the hub, and
 * CI's PostgreSQL run, which comes second, would only take the same files again over them.
 */
export const TAKES_SCREENSHOTS = testServerUrl('population') === undefined;

export interface WorkflowHub {
  hub: FederatedHub;
  /** The gateway's origin, e.g. http://127.0.0.1:40123. */
  origin: string;
  /** The app's address of a path inside it: app('/analyst') -> http://…/app/analyst. */
  app(path: string): string;
  /** A bearer token for the caller, as `npx tepat token` prints one. */
  token(as: Exclude<As, 'PUBLIC'>): Promise<string>;
  close(): Promise<void>;
}

export interface AppHub extends WorkflowHub {
  manifest: Manifest;
}

/**
 * Builds the app first when its sources changed (turbo's cache makes an unchanged build a
 * restore), so the browser never tests a stale bundle.
 */
export function buildWebApp() {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@tepat/web', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });
}

/** `minCell`: the small-cell k analysts read at (API.md; the service's default when absent). */
export async function startAppHub({ persons = 2000, seed = 19, minCell }: { persons?: number; seed?: number; minCell?: number } = {}): Promise<AppHub> {
  buildWebApp();
  const { hub, manifest, close } = await startGeneratedHub({ persons, seed, minCell });
  const origin = new URL(hub.gateway.url).origin;
  return {
    hub,
    manifest,
    origin,
    app: (path) => new URL(`/app${path}`, origin).href,
    token: async (as) => (await hub.headersFor(as)).authorization!.replace(/^Bearer /, ''),
    close,
  };
}

/**
 * The hub over hand-made DATA.md files (path -> CSV text), without analytics: the people a
 * workflow test files for, follows and curates, each planted for what the test shows.
 */
export async function startWorkflowHub(files: Record<string, string>): Promise<WorkflowHub> {
  buildWebApp();
  const hub = await startFederatedHub();
  await hub.load(files);
  const origin = new URL(hub.gateway.url).origin;
  return {
    hub,
    origin,
    app: (path) => new URL(`/app${path}`, origin).href,
    token: async (as) => (await hub.headersFor(as)).authorization!.replace(/^Bearer /, ''),
    close: () => hub.close(),
  };
}
