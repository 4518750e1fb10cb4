/**
 * Benchmark: the web app on a running hub (`npm start`, the demo). For the first screen of
 * an analyst (a programme's month), of a citizen (the recipient check, on a phone), of an
 * operator (the region's queue) and of a facilitator (the cases it filed, on a phone), it
 * prints the JavaScript and CSS the browser fetched, gzipped (what the gateway's HTTP would
 * carry with compression; the aim is under 250 KB), split into what came before the first
 * figure showed and what came after (the charts); then, over fresh browser contexts (a cold
 * HTTP cache every time), the time from navigation to the first figure on screen and to the
 * first chart drawn (aim: first figures under 1 s).
 *
 *   npm start                                   # in another terminal: the demo
 *   npx tsx bench/web.ts [--url http://127.0.0.1:4000] [--runs 10]
 *
 * Tokens are signed with the hub's key as `npx tepat token` does, so run it with the same
 * TEPAT_DATA_DIR as the hub. The app must be built (npm install does it).
 */
import { issueToken, userTokenKeys } from '@tepat/auth';
import { readHubEnv } from '@tepat/subgraph-kit';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium, LAPTOP, PHONE } from '../web/test/support/browser.js';

const DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
const { values } = parseArgs({
  options: { url: { type: 'string', default: `http://127.0.0.1:${process.env.TEPAT_PORT ?? 4000}` }, runs: { type: 'string', default: '10' } },
});
const origin = new URL(values.url!).origin;
const runs = Number(values.runs);

/** A file of the build, by the path the browser asked for (/app/assets/x.js -> dist/assets/x.js). */
function built(path: string): Buffer | undefined {
  const file = join(DIST, path.replace(/^\/app\//, ''));
  return existsSync(file) ? readFileSync(file) : undefined;
}

interface Loaded {
  path: string;
  kind: 'js' | 'css';
  raw: number;
  gzip: number;
  /** Milliseconds after navigation the request started. */
  at: number;
}

/** Opens `path` in a fresh context and waits for a figure and a chart; returns when each appeared and what was fetched. */
async function load(browser: Browser, path: string, { token, viewport, figure, chart }: { token?: string; viewport: typeof LAPTOP; figure: string; chart?: string }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(
    ({ token, figure, chart }) => {
      if (token) sessionStorage.setItem('tepat.token', token);
      const marks = ((window as unknown as { __marks: Record<string, number> }).__marks = {} as Record<string, number>);
      new MutationObserver(() => {
        if (!marks.figure && document.querySelector(figure)) marks.figure = performance.now();
        if (chart && !marks.chart && document.querySelector(chart)) marks.chart = performance.now();
      }).observe(document, { childList: true, subtree: true });
    },
    { token, figure, chart },
  );
  const page = await context.newPage();
  const loaded: Loaded[] = [];
  const started = Date.now();
  page.on('request', (request) => {
    const url = new URL(request.url());
    const kind = url.pathname.endsWith('.js') ? 'js' : url.pathname.endsWith('.css') ? 'css' : undefined;
    const bytes = kind && built(url.pathname);
    if (kind && bytes) loaded.push({ path: url.pathname, kind, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, at: Date.now() - started });
  });
  await page.goto(origin + path);
  await page.locator(figure).first().waitFor({ timeout: 60_000 });
  if (chart) await page.locator(chart).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const marks = await page.evaluate(() => {
    const marks = { ...(window as unknown as { __marks: Record<string, number> }).__marks };
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    marks.scripts = navigation.domContentLoadedEventEnd;
    const api = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => new URL(r.name).pathname === '/graphql');
    if (api.length) {
      marks.apiStart = Math.min(...api.map((r) => r.startTime));
      marks.apiEnd = Math.max(...api.map((r) => r.responseEnd));
    }
    return marks;
  });
  await context.close();
  return { marks, loaded };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist is missing: npm run build -w @tepat/web');
  const keys = userTokenKeys(readHubEnv().auth);
  if (keys.kind !== 'secret') throw new Error('The hub takes tokens from an identity provider; this bench signs its own.');
  const analyst = await issueToken({ role: 'ANALYST', subject: 'bench-web' }, keys.secret);
  const overview = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
    body: JSON.stringify({ query: '{ analyticsBuild { periods } programs { code } }' }),
  }).then((r) => r.json() as Promise<{ data?: { analyticsBuild: { periods: string[] } | null; programs: { code: string }[] }; errors?: { message: string }[] }>);
  if (!overview.data) throw new Error(`The hub refused the bench's token (is TEPAT_DATA_DIR the hub's?): ${overview.errors?.map((e) => e.message).join('; ')}`);
  const periods = overview.data.analyticsBuild?.periods;
  if (!periods?.length) throw new Error('The hub serves no analytics build: npx tepat analytics refresh.');
  const program = overview.data.programs.map((p) => p.code).sort()[0]!;
  const month = `/app/analyst?program=${program}&period=${periods[periods.length - 1]}`;
  // An operator and a facilitator of the province with the most eligible people in that month.
  const equity = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
    body: JSON.stringify({ query: `{ regionalEquity(program: "${program}", period: "${periods[periods.length - 1]}", level: PROVINCE) { regions { region eligible } } }` }),
  }).then((r) => r.json() as Promise<{ data?: { regionalEquity: { regions: { region: string; eligible: number }[] } } }>);
  const region = [...(equity.data?.regionalEquity.regions ?? [])].sort((a, b) => b.eligible - a.eligible)[0]?.region ?? '51';
  const operator = await issueToken({ role: 'OPERATOR', region, subject: 'bench-web-operator' }, keys.secret);
  const facilitator = await issueToken({ role: 'FACILITATOR', region, subject: 'bench-web-facilitator' }, keys.secret);

  const browser = await launchChromium();
  try {
    const screens = [
      { name: `analyst, programme month (${program}, laptop)`, path: month, token: analyst, viewport: LAPTOP, figure: '[data-figure]', chart: '[data-testid="incidence-chart"] canvas' },
      { name: 'citizen, recipient check (phone)', path: '/app/citizen/check', viewport: PHONE, figure: 'form button[type="submit"]' },
      { name: `operator, case queue (${region}, laptop)`, path: '/app/operator/queue', token: operator, viewport: LAPTOP, figure: '[data-testid="queue"]' },
      { name: `facilitator, cases filed (${region}, phone)`, path: '/app/cases', token: facilitator, viewport: PHONE, figure: '[data-testid="filed-cases"]' },
    ];
    console.log(`Web app on ${origin}, ${runs} cold loads per screen (fresh browser context each); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores\n`);
    for (const screen of screens) {
      const first = await load(browser, screen.path, screen);
      const before = first.loaded.filter((l) => l.at <= first.marks.figure! + 5);
      const sum = (ls: Loaded[], kind: 'js' | 'css', key: 'raw' | 'gzip') => ls.filter((l) => l.kind === kind).reduce((s, l) => s + l[key], 0);
      console.log(`== ${screen.name}`);
      for (const l of [...first.loaded].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${l.path.padEnd(44)} ${kb(l.raw).padStart(10)} ${kb(l.gzip).padStart(10)} gzip`);
      console.log(`  whole screen:        JS ${kb(sum(first.loaded, 'js', 'gzip'))} + CSS ${kb(sum(first.loaded, 'css', 'gzip'))} gzip (${kb(sum(first.loaded, 'js', 'raw') + sum(first.loaded, 'css', 'raw'))} raw)`);
      console.log(`  before first figure: JS ${kb(sum(before, 'js', 'gzip'))} + CSS ${kb(sum(before, 'css', 'gzip'))} gzip`);
      const figure: number[] = [];
      const chart: number[] = [];
      const scripts: number[] = [];
      const api: number[] = [];
      for (let i = 0; i < runs; i++) {
        const { marks } = await load(browser, screen.path, screen);
        figure.push(marks.figure!);
        scripts.push(marks.scripts!);
        if (marks.apiEnd !== undefined) api.push(marks.apiEnd - marks.apiStart!);
        if (marks.chart) chart.push(marks.chart);
      }
      console.log(`  navigation -> first figure: median ${ms(median(figure))}, min ${ms(Math.min(...figure))}, max ${ms(Math.max(...figure))}`);
      console.log(`    of which: entry script run (DOMContentLoaded) median ${ms(median(scripts))}` + (api.length ? `; first API request to last answer median ${ms(median(api))}` : ''));
      if (chart.length) console.log(`  navigation -> chart drawn:  median ${ms(median(chart))}, min ${ms(Math.min(...chart))}, max ${ms(Math.max(...chart))}`);
      console.log();
    }
  } finally {
    await browser.close();
  }
}

await main();
