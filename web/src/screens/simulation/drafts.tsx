/**
 * Up to three draft rule sets side by side, each started from the programme's rule set in
 * force and changed freely: its checks, decile threshold, family lookback and region. The
 * hub checks a draft as saveRuleSet checks it (RULES.md) and names every problem, so the
 * form sends what was typed and shows the hub's message rather than judging it here.
 */
import '../../i18n/ns/analyst.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/fields.tsx';
import type { ResultOf, VariablesOf } from '../../graphql/graphql.ts';
import type { RuleSetsInForce, SimulateRuleSets } from './documents.ts';

export type RuleSet = ResultOf<typeof RuleSetsInForce>['ruleSets'][number];
export type DraftInput = VariablesOf<typeof SimulateRuleSets>['drafts'][number];

/**
 * The check codes of RULES.md in its order. The supergraph types checks as strings, so the
 * list the form offers is this one; a code the hub does not know comes back as its message.
 */
export const CHECK_CODES = ['IDENTITY', 'ALIVE', 'RESIDENT', 'VACCINATED', 'NOT_CIVIL_SERVANT', 'NO_PRIOR_AID', 'FAMILY_NOT_RECEIVING', 'IN_DTKS', 'WELFARE_DECILE'] as const;
type CheckCode = (typeof CHECK_CODES)[number];
/** simulateRuleSets takes 1 to 3 drafts (analytics' MAX_DRAFTS). */
export const MAX_DRAFTS = 3;

/** A draft as its fields hold it: numbers as typed, so a cleared field is sent as null. */
interface DraftFields {
  id: number;
  checks: string[];
  decileThreshold: string;
  familyLookbackDays: string;
  region: string;
}

function fromRuleSet(ruleSet: RuleSet, id: number): DraftFields {
  return {
    id,
    checks: [...ruleSet.checks],
    decileThreshold: ruleSet.decileThreshold == null ? '' : String(ruleSet.decileThreshold),
    familyLookbackDays: ruleSet.familyLookbackDays == null ? '' : String(ruleSet.familyLookbackDays),
    region: ruleSet.region ?? '',
  };
}

function number(value: string): number | null {
  return value.trim() === '' ? null : Number(value);
}

/** A draft as simulateRuleSets takes it: a new version of the rule set in force. */
function toInput(ruleSet: RuleSet, draft: DraftFields, n: number): DraftInput {
  return {
    code: ruleSet.code,
    name: `${ruleSet.name} (draft ${n})`,
    region: draft.region.trim() || null,
    checks: draft.checks,
    decileThreshold: number(draft.decileThreshold),
    familyLookbackDays: number(draft.familyLookbackDays),
  };
}

export function DraftsForm({ ruleSet, busy, onSimulate }: { ruleSet: RuleSet; busy: boolean; onSimulate(drafts: DraftInput[]): void }) {
  const { t } = useTranslation('analyst');
  const [drafts, setDrafts] = useState<DraftFields[]>(() => [fromRuleSet(ruleSet, 1)]);
  const [nextId, setNextId] = useState(2);
  const change = (id: number, changes: Partial<DraftFields>) => setDrafts((all) => all.map((d) => (d.id === id ? { ...d, ...changes } : d)));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSimulate(drafts.map((d, i) => toInput(ruleSet, d, i + 1)));
  }
  return (
    <form onSubmit={submit} className="stack" aria-label={t('simulation.draftsLegend')}>
      <div className="drafts">
        {drafts.map((draft, i) => (
          <DraftColumn
            key={draft.id}
            n={i + 1}
            draft={draft}
            onChange={(changes) => change(draft.id, changes)}
            onRemove={drafts.length > 1 ? () => setDrafts((all) => all.filter((d) => d.id !== draft.id)) : undefined}
          />
        ))}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="simulate">
          {busy ? t('simulation.simulating') : t('simulation.simulate')}
        </button>
        <button
          type="button"
          disabled={drafts.length >= MAX_DRAFTS}
          onClick={() => {
            setDrafts((all) => [...all, fromRuleSet(ruleSet, nextId)]);
            setNextId(nextId + 1);
          }}
        >
          {t('simulation.add')}
        </button>
        {drafts.length >= MAX_DRAFTS ? <span className="muted small">{t('simulation.atMost', { max: MAX_DRAFTS })}</span> : null}
      </div>
    </form>
  );
}

function DraftColumn({ n, draft, onChange, onRemove }: { n: number; draft: DraftFields; onChange(changes: Partial<DraftFields>): void; onRemove?: () => void }) {
  const { t } = useTranslation('analyst');
  // A check switched on goes last, so the order of the rule set in force is kept (it is the order of evaluation).
  const toggle = (code: CheckCode, on: boolean) => onChange({ checks: on ? [...draft.checks, code] : draft.checks.filter((c) => c !== code) });
  return (
    <fieldset className="panel draft" data-testid={`draft-${n}`}>
      <legend>{t('simulation.draft', { n })}</legend>
      <fieldset className="draft-checks">
        <legend>{t('simulation.checks')}</legend>
        <ul className="checks">
          {CHECK_CODES.map((code) => (
            <li key={code}>
              <label>
                <input
                  type="checkbox"
                  name={`check-${code}`}
                  checked={draft.checks.includes(code)}
                  // IDENTITY first, always (RULES.md): nothing else means anything for a NIK population does not know.
                  disabled={code === 'IDENTITY'}
                  onChange={(e) => toggle(code, e.target.checked)}
                />{' '}
                {t(`simulation.check.${code}`)} <span className="mono muted small">{code}</span>
              </label>
            </li>
          ))}
        </ul>
        <p className="field-hint">{t('simulation.identityHint')}</p>
      </fieldset>
      <WholeNumberField name="decileThreshold" label={t('simulation.decileThreshold')} hint={t('simulation.decileHint')} max={10} draft={draft} onChange={onChange} />
      <WholeNumberField name="familyLookbackDays" label={t('simulation.lookback')} hint={t('simulation.lookbackHint')} max={3660} draft={draft} onChange={onChange} />
      <TextField
        label={t('simulation.region')}
        hint={t('simulation.regionHint')}
        name="ruleSetRegion"
        inputMode="decimal"
        value={draft.region}
        onChange={(e) => onChange({ region: e.target.value })}
      />
      {onRemove ? (
        <div>
          <button type="button" className="danger-outline" onClick={onRemove}>
            {t('simulation.remove', { n })}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

/** A parameter of a draft that is a whole number from 1 to `max`, as RULES.md bounds it. */
function WholeNumberField({
  name,
  label,
  hint,
  max,
  draft,
  onChange,
}: {
  name: 'decileThreshold' | 'familyLookbackDays';
  label: string;
  hint: string;
  max: number;
  draft: DraftFields;
  onChange(changes: Partial<DraftFields>): void;
}) {
  return (
    <TextField
      label={label}
      hint={hint}
      name={name}
      type="number"
      inputMode="numeric"
      min={1}
      max={max}
      step={1}
      value={draft[name]}
      onChange={(e) => onChange({ [name]: e.target.value })}
    />
  );
}
