/** The dashboard page: its queries hold to the supergraph, and it is served as a page that talks to this origin only. */
import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUILD_ANSWERED_FIELDS } from './answer-cache.js';
import { readSupergraph } from './compose.js';
import { DASHBOARD_QUERIES, dashboardHandler, dashboardPage } from './dashboard.js';

const schema = buildSchema(readSupergraph());

describe('the dashboard', () => {
  it.each(Object.entries(DASHBOARD_QUERIES))('sends the %s query, which the supergraph accepts', (_name, query) => {
    expect(validate(schema, parse(query))).toEqual([]);
  });

  it('asks for figures with queries whose answers the gateway keeps per build', () => {
    for (const name of ['month', 'trend', 'equity'] as const) {
      const fields = [...DASHBOARD_QUERIES[name].matchAll(/^ {2}(\w+)\(/gm)].map((m) => m[1]);
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) expect(BUILD_ANSWERED_FIELDS.has(field!)).toBe(true);
    }
  });

  it('carries its queries in the page, where no query text can end the script', () => {
    const page = dashboardPage();
    expect(page).not.toContain('__DASHBOARD_QUERIES__');
    const json = /<script type="application\/json" id="queries">(.*?)<\/script>/s.exec(page)![1]!;
    expect(JSON.parse(json)).toEqual(DASHBOARD_QUERIES);
    expect(json).not.toContain('<');
  });

  it('has a script that compiles', () => {
    const script = /<script>\n([\s\S]*?)<\/script>/.exec(dashboardPage())![1]!;
    expect(script).toContain('QUERIES.month');
    // Compiled, not run: a syntax error fails here rather than in a reader's browser.
    expect(() => new Function(script)).not.toThrow();
  });

  it('is served to GET with a policy that keeps it to this origin, and refuses other methods', async () => {
    const server = createServer((req, res) => void dashboardHandler()(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard`;
    try {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(await res.text()).toContain('Tepat · targeting dashboard');
      const post = await fetch(url, { method: 'POST', body: 'x' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET, HEAD');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
