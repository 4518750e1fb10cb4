/** The web app as the gateway serves it: its files and its own routes under /app/, a policy that keeps it to this origin, and the old addresses sent to it. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEB_APP_POLICY, webAppRoutes } from './web-app.js';

/** Serves routes as the kit's server does: exact paths, then the longest `/`-ending prefix. */
function serve(routes: ReturnType<typeof webAppRoutes>): Server {
  return createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const prefix = Object.keys(routes).filter((p) => p.endsWith('/') && p !== '/' && path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    const route = routes[path] ?? (prefix ? routes[prefix] : undefined);
    if (route) return void route(req, res);
    res.writeHead(404).end();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the web app, built', () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tepat-web-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/app/assets/index-abc.js"></script>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
    server = serve(webAppRoutes(dir));
    base = await listen(server);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers its own routes with the page, under a policy without inline script or style', async () => {
    for (const path of ['/app/', '/app/analyst', '/app/person/3510000000000001']) {
      const res = await fetch(base + path);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html;charset=utf-8' });
      const policy = res.headers.get('content-security-policy')!;
      expect(policy).toBe(WEB_APP_POLICY);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
      expect(policy).toContain("connect-src 'self'");
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('/app/assets/index-abc.js');
    }
  });

  it('serves built files as immutable, and a missing file as 404 rather than the page', async () => {
    const js = await fetch(`${base}/app/assets/index-abc.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/app/assets/gone-123.js`)).status).toBe(404);
  });

  it('sends / and the old dashboard to the app, and refuses writes', async () => {
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/app/']);
    const dashboard = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect([dashboard.status, dashboard.headers.get('location')]).toEqual([302, '/app/analyst']);
    const post = await fetch(`${base}/app/analyst`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
  });
});

it('says how to build the app when it is not built', async () => {
  const server = serve(webAppRoutes(join(tmpdir(), 'tepat-no-such-dist')));
  const base = await listen(server);
  try {
    const res = await fetch(`${base}/app/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build -w @tepat/web');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
