/**
 * The programme, month and region an analyst is looking at, in the address (so a view can
 * be shared and the back button works), defaulting to the first programme and the latest
 * month of the build served.
 */
import '../../i18n/ns/analyst.ts';
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { formatInstant, formatMonth, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import { AnalyticsOverview } from './documents.ts';
import { Page } from '../../components/page.tsx';

export type Overview = ResultOf<typeof AnalyticsOverview>;

export interface Selection {
  program: string;
  period: string;
  /** The month before, when the build has it: every figure shows its change since then. */
  previous?: string;
  /** A province, regency or district code, or null for the nation. */
  region: string | null;
  periods: string[];
}

/** Reads the address's `program`, `period` and `region` against what the build serves. */
export function useSelection(overview: Overview | undefined): Selection | undefined {
  const search = useSearch();
  return useMemo(() => {
    const build = overview?.analyticsBuild;
    if (!overview || !build || build.periods.length === 0) return undefined;
    const params = new URLSearchParams(search);
    const codes = overview.programs.map((p) => p.code).sort();
    const program = codes.includes(params.get('program') ?? '') ? params.get('program')! : codes[0]!;
    const asked = params.get('period') ?? '';
    const period = build.periods.includes(asked) ? asked : build.periods[build.periods.length - 1]!;
    const index = build.periods.indexOf(period);
    return { program, period, previous: index > 0 ? build.periods[index - 1] : undefined, region: params.get('region') || null, periods: build.periods };
  }, [overview, search]);
}

/** Changes some of the address's parameters, keeping the rest. */
export function useSetParams() {
  const [location, navigate] = useLocation();
  const search = useSearch();
  return useCallback(
    (changes: Record<string, string | null | undefined>, path = location) => {
      const params = new URLSearchParams(search);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') params.delete(key);
        else params.set(key, value);
      }
      const query = params.toString();
      navigate(query ? `${path}?${query}` : path);
    },
    [location, navigate, search],
  );
}

/**
 * The overview every analyst screen starts from, and the bar that chooses programme, month
 * and (optionally) region; renders `children` with the selection once both are known.
 */
export function AnalystFrame({
  title,
  children,
  regionField = true,
  periodField = true,
}: {
  title: string;
  regionField?: boolean;
  /** False where every month is shown (the trend). */
  periodField?: boolean;
  children: (selection: Selection, overview: Overview) => React.ReactNode }) {
  const { t, i18n } = useTranslation('analyst');
  const overview = useApiQuery(AnalyticsOverview, {});
  const selection = useSelection(overview.data);
  const setParams = useSetParams();
  const locale = i18n.language as Locale;

  if (overview.error) return <Page title={title}><ErrorNotice error={overview.error} /></Page>;
  if (!overview.data) return <Page title={title}><Loading /></Page>;
  if (!overview.data.analyticsBuild) return <Page title={title}><ErrorNotice error={new Error(t('noBuild'))} /></Page>;
  if (!selection) return <Page title={title}><ErrorNotice error={new Error(t('noPeriods'))} /></Page>;
  const build = overview.data.analyticsBuild;
  return (
    <Page title={title} subtitle={t('asOf', { when: formatInstant(build.builtAt, locale), from: formatMonth(build.periods[0]!, locale), to: formatMonth(build.periods[build.periods.length - 1]!, locale) })}>
      <div className="selection-bar">
        <SelectField
          label={t('program')}
          name="program"
          value={selection.program}
          onChange={(e) => setParams({ program: e.target.value })}
          options={[...overview.data.programs].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
        />
        {periodField ? (
          <SelectField
            label={t('period')}
            name="period"
            value={selection.period}
            onChange={(e) => setParams({ period: e.target.value })}
            options={[...selection.periods].reverse().map((p) => ({ value: p, label: formatMonth(p, locale) }))}
          />
        ) : null}
        {regionField ? <RegionField region={selection.region} onChange={(region) => setParams({ region })} /> : null}
      </div>
      {children(selection, overview.data)}
    </Page>
  );
}

/** The optional region code, sent on submit (an empty field is the nation). */
export function RegionField({ region, onChange }: { region: string | null; onChange: (region: string | null) => void }) {
  const { t } = useTranslation('analyst');
  const [value, setValue] = useState(region ?? '');
  function submit(event: FormEvent) {
    event.preventDefault();
    onChange(value.trim() || null);
  }
  return (
    <form className="region-field" onSubmit={submit}>
      <TextField
        label={t('region')}
        hint={t('regionHint')}
        name="region"
        value={value}
        inputMode="decimal"
        pattern="[0-9]{2}(\.[0-9]{2}(\.[0-9]{2})?)?"
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit">{t('show')}</button>
    </form>
  );
}
