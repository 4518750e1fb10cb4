/**
 * Policy simulation (issue 23): a programme and month of the served analytics build, up to
 * three drafts of its rule set, and what each would do beside the rule set in force
 * (`simulateRuleSets`, one request): targeting, leakage, equity, incidence, budget, and the
 * units entering and leaving E by decile and region. Auditors, once they state a case, see
 * the units a draft moves. Nothing is saved or published.
 */
import '../../i18n/ns/analyst.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Page } from '../../components/page.tsx';
import { RegionField } from '../../components/region-field.tsx';
import { formatInstant, formatMonth, type Locale } from '../../format/format.ts';
import { levelBelow, type LevelBelow } from '../../format/region-level.ts';
import type { VariablesOf } from '../../graphql/graphql.ts';
import { AnalyticsOverview } from '../analyst/documents.ts';
import { useSelection, useSetParams } from '../analyst/selection.tsx';
import { RuleSetsInForce, SimulateRuleSets } from './documents.ts';
import { DraftsForm } from './drafts.tsx';
import { SimulationResults } from './results.tsx';

const LEVELS: LevelBelow[] = ['PROVINCE', 'REGENCY', 'DISTRICT'];
/** What one Simulate asked: the drafts and the selection they were tried under. */
export type Asked = VariablesOf<typeof SimulateRuleSets>;

export default function SimulationScreen() {
  const { t, i18n } = useTranslation('analyst');
  const locale = i18n.language as Locale;
  const overview = useApiQuery(AnalyticsOverview, {});
  const inForce = useApiQuery(RuleSetsInForce, {});
  const selection = useSelection(overview.data);
  const setParams = useSetParams();
  const params = new URLSearchParams(useSearch());
  const region = selection?.region ?? null;
  const askedLevel = params.get('level') as LevelBelow | null;
  // By default the regions one step inside the region asked; for a district, districts (RegionLevel stops there).
  const level: LevelBelow = askedLevel && LEVELS.includes(askedLevel) ? askedLevel : (levelBelow(region) ?? 'DISTRICT');
  const selectionKey = `${selection?.program}|${selection?.period}|${region}|${level}`;
  // What was last simulated, under the selection it was asked for: another selection hides it until Simulate again.
  const [asked, setAsked] = useState<{ key: string; variables: Asked }>();
  const shown = asked?.key === selectionKey ? asked.variables : undefined;
  const simulation = useApiQuery(SimulateRuleSets, shown!, { enabled: shown !== undefined });

  const title = t('simulation.title');
  const error = overview.error ?? inForce.error;
  if (error) return <Page title={title}><ErrorNotice error={error} /></Page>;
  if (!overview.data || !inForce.data) return <Page title={title}><Loading /></Page>;
  const build = overview.data.analyticsBuild;
  if (!build) return <Page title={title}><ErrorNotice error={new Error(t('noBuild'))} /></Page>;
  if (!selection) return <Page title={title}><ErrorNotice error={new Error(t('noPeriods'))} /></Page>;

  const ruleSetCode = inForce.data.programs.find((p) => p.code === selection.program)?.ruleSet;
  const ruleSet = inForce.data.ruleSets.find((r) => r.code === ruleSetCode);
  return (
    <Page title={title} subtitle={t('simulation.subtitle')}>
      <p className="muted small">
        {t('asOf', { when: formatInstant(build.builtAt, locale), from: formatMonth(build.periods[0]!, locale), to: formatMonth(build.periods[build.periods.length - 1]!, locale) })}
      </p>
      <div className="selection-bar">
        <SelectField
          label={t('program')}
          name="program"
          value={selection.program}
          onChange={(e) => setParams({ program: e.target.value })}
          options={[...overview.data.programs].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ value: p.code, label: `${p.code} · ${p.name}` }))}
        />
        <SelectField
          label={t('period')}
          name="period"
          value={selection.period}
          onChange={(e) => setParams({ period: e.target.value })}
          options={[...selection.periods].reverse().map((p) => ({ value: p, label: formatMonth(p, locale) }))}
        />
        <RegionField key={region ?? ''} region={region} label={t('region')} hint={t('regionHint')} action={t('show')} onChange={(next) => setParams({ region: next, level: null })} />
        <SelectField
          label={t('simulation.level')}
          name="level"
          value={level}
          onChange={(e) => setParams({ level: e.target.value })}
          options={LEVELS.map((l) => ({ value: l, label: t(`regions.level.${l}`) }))}
        />
      </div>
      {ruleSet ? (
        <>
          <p data-testid="rule-set-in-force" data-code={ruleSet.code} data-version={ruleSet.version}>
            {t('simulation.inForce', { program: selection.program, code: ruleSet.code, version: ruleSet.version, name: ruleSet.name })}
          </p>
          {/* A new programme starts its drafts again from its own rule set. */}
          <DraftsForm
            key={`${selection.program}|${ruleSet.code}|${ruleSet.version}`}
            ruleSet={ruleSet}
            busy={simulation.isFetching}
            onSimulate={(drafts) => setAsked({ key: selectionKey, variables: { drafts, program: selection.program, period: selection.period, region, level } })}
          />
        </>
      ) : (
        <ErrorNotice error={new Error(t('simulation.noRuleSet', { code: ruleSetCode ?? selection.program }))} />
      )}
      {shown && simulation.error ? <ErrorNotice error={simulation.error} /> : null}
      {shown && simulation.isFetching && !simulation.data ? <Loading /> : null}
      {shown && simulation.data ? <SimulationResults asked={shown} simulations={simulation.data.simulateRuleSets} /> : null}
    </Page>
  );
}
