/**
 * The targeting dashboard: one page the gateway serves at /dashboard (API.md: `npm start`
 * prints its address). It is static; the figures come from this gateway's own GraphQL
 * endpoint with the token the reader pastes (ANALYST, AUDITOR or ADMIN), so the page sees
 * exactly what that caller may see and nothing is served without a token. Its queries live
 * here, not in the page, so a test can hold them to the supergraph.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

export const DASHBOARD_PATH = '/dashboard';

/** The documents the page sends, by name. */
export const DASHBOARD_QUERIES = {
  /** What is served, and the programmes to choose from. */
  overview: `query DashboardOverview {
  analyticsBuild { builtAt seconds periods }
  programs { code name unit }
}`,
  /** One programme and month, nationally or in a region. */
  month: `query DashboardMonth($program: String!, $period: String!, $region: String) {
  targetingAccuracy(program: $program, period: $period, region: $region) { recipients eligible inclusionErrorRate exclusionErrorRate coverage }
  leakage(program: $program, period: $period, region: $region) { totalAmount leakageAmount leakageRate byCategory { category rows amount } }
  benefitIncidence(program: $program, period: $period, region: $region) { totalAmount poorest40Share coadyGroshHoddinott deciles { decile units amount share } }
}`,
  /** Every month the build covers. */
  trend: `query DashboardTrend($program: String!, $from: String!, $to: String!, $region: String) {
  targetingTrend(program: $program, from: $from, to: $to, region: $region) {
    period
    accuracy { recipients eligible coverage inclusionErrorRate exclusionErrorRate }
    leakage { leakageRate leakageAmount }
  }
}`,
  /** Regions of one level compared, nationally or within the region chosen. */
  equity: `query DashboardEquity($program: String!, $period: String!, $level: RegionLevel!, $within: String) {
  regionalEquity(program: $program, period: $period, level: $level, within: $within) { giniCoverage regions { region name eligible recipients amount coverage allocationRatio } }
}`,
} as const;

const PAGE = fileURLToPath(new URL('../dashboard.html', import.meta.url));

/** The page with the queries in it; read once. */
export function dashboardPage(): string {
  // `<` escaped so no query text can close the script element it sits in.
  const queries = JSON.stringify(DASHBOARD_QUERIES).replace(/</g, '\\u003c');
  return readFileSync(PAGE, 'utf8').replace('"__DASHBOARD_QUERIES__"', queries);
}

/** `GET /dashboard`: the page, with a policy that lets it talk to this origin only. */
export function dashboardHandler() {
  const page = dashboardPage();
  return async (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' });
      return void res.end('The dashboard is read with GET.');
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : page);
  };
}
