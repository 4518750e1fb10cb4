/**
 * What the first screen will ask, asked while its code is still loading: an analyst's
 * address names the programme and month, so the build's overview and the month's figures
 * (and the month before's, for the changes) need not wait for the screen to mount. The
 * screen's own queries then find the answers in the cache.
 */
import type { QueryClient } from '@tanstack/react-query';
import { prefetchApiQuery } from './api/use-api.ts';
import type { Credentials } from './api/client.ts';
import { monthBefore } from './format/months.ts';
import { AnalyticsOverview, MonthFigures } from './screens/analyst/documents.ts';

export function prefetchFirstScreen(client: QueryClient, location: Location, credentials: Credentials) {
  if (!credentials.token) return;
  const path = location.pathname.replace(/^\/app/, '');
  if (!/^\/(analyst|audit\/flagged)/.test(path)) return;
  prefetchApiQuery(client, AnalyticsOverview, {}, credentials);
  const params = new URLSearchParams(location.search);
  const program = params.get('program');
  const period = params.get('period');
  if (path === '/analyst' && program && period && /^\d{4}-\d{2}$/.test(period)) {
    const region = params.get('region') || null;
    prefetchApiQuery(client, MonthFigures, { program, period, region }, credentials);
    // Not in the build when `period` is its first month: that answer is an error no screen asks for.
    prefetchApiQuery(client, MonthFigures, { program, period: monthBefore(period), region }, credentials);
  }
}
