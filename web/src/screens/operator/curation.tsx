/**
 * An operator's curation of a DTKS record (SIKS-NG) in the person's view: deactivate an
 * ACTIVE member with a reason (DtksReason) and a note, or reactivate an INACTIVE one with a
 * note, each confirmed; the record as the hub left it is shown at once, and the person's
 * eligibility can be asked again beside it (IN_DTKS changes with the record). The hub
 * refuses people outside the operator's region; the refusal is shown with its code.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestId } from '../../api/request-id.ts';
import { invalidateOperations, useApiMutation, useApiQuery } from '../../api/use-api.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { SelectField, TextAreaField } from '../../components/fields.tsx';
import { formatDate, formatInstant, type Locale } from '../../format/format.ts';
import type { ResultOf } from '../../graphql/graphql.ts';
import type { DtksRecordFields } from '../auditor/documents.ts';
import { DTKS_REASONS, type DtksReason } from '../cases/documents.ts';
import { DeactivateDtksMember, PersonEligibility, ReactivateDtksMember, RuleSetCodes } from './documents.ts';

export type DtksRecord = ResultOf<typeof DtksRecordFields>;

/** The record's state in a few words: "ACTIVE · decile 2", "INACTIVE (MAMPU)". */
function stateOf(record: unknown, t: TFunction<['operator', 'cases']>): string {
  if (!record || typeof record !== 'object') return '–';
  const r = record as { status?: string; statusReason?: string | null; decile?: number | null };
  const status = t(`dtks.status.${r.status}`, { defaultValue: r.status ?? '' });
  const reason = r.statusReason ? ` (${t(`cases:dtksReason.${r.statusReason}`, { defaultValue: r.statusReason })})` : '';
  const decile = r.decile == null ? t('dtks.decilePendingShort') : t('dtks.decileShort', { decile: r.decile });
  return `${status}${reason} · ${decile}`;
}

/** The DTKS record: decile (or pending), status and why, when last changed, and every change with who, why and what before and after. */
export function DtksPanel({ record, canCurate }: { record: DtksRecord | null; canCurate: boolean }) {
  const { t, i18n } = useTranslation(['operator', 'cases']);
  const locale = i18n.language as Locale;
  const [answer, setAnswer] = useState<DtksRecord>();
  return (
    <section className="panel" aria-labelledby="dtks-title" data-testid="dtks" data-status={record?.status ?? 'NONE'}>
      <h2 id="dtks-title">{t('dtks.title')}</h2>
      {record ? (
        <>
          <dl className="facts">
            <dt>{t('dtks.decile')}</dt>
            <dd data-testid="dtks-decile">{record.decilePending || record.decile == null ? t('dtks.decilePending') : record.decile}</dd>
            <dt>{t('dtks.statusLabel')}</dt>
            <dd data-testid="dtks-status">
              <span className={record.status === 'ACTIVE' ? 'badge good' : 'badge bad'}>{t(`dtks.status.${record.status}`)}</span>
              {record.statusReason ? ` ${t(`cases:dtksReason.${record.statusReason}`)}` : ''}
            </dd>
            <dt>{t('dtks.updatedOn')}</dt>
            <dd>{formatDate(record.updatedOn, locale)}</dd>
            {record.curatedAt ? (
              <>
                <dt>{t('dtks.curatedAt')}</dt>
                <dd>{formatInstant(record.curatedAt, locale)}</dd>
              </>
            ) : null}
          </dl>
          <div aria-live="polite">
            {answer ? (
              <p className="result good" role="status" data-testid="curation-answer" data-status={answer.status}>
                {t('curation.answered', { state: stateOf(answer, t) })}
              </p>
            ) : null}
          </div>
          {canCurate ? <CurationMoves record={record} onAnswer={setAnswer} /> : null}
          <DtksHistory record={record} />
        </>
      ) : (
        <p className="muted">{t('dtks.none')}</p>
      )}
    </section>
  );
}

function DtksHistory({ record }: { record: DtksRecord }) {
  const { t, i18n } = useTranslation(['operator', 'cases']);
  const locale = i18n.language as Locale;
  if (!record.history.length) return <p className="muted small">{t('dtks.noHistory')}</p>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dtks.history')}>
      <table className="stacked" data-testid="dtks-history">
        <caption>{t('dtks.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dtks.at')}</th>
            <th scope="col">{t('dtks.change')}</th>
            <th scope="col">{t('dtks.by')}</th>
            <th scope="col">{t('dtks.why')}</th>
            <th scope="col">{t('dtks.beforeAfter')}</th>
          </tr>
        </thead>
        <tbody>
          {[...record.history].reverse().map((v, i) => (
            <tr key={i} data-change={v.change}>
              <td data-label={t('dtks.at')} className="nowrap">
                {formatInstant(v.at, locale)}
              </td>
              <td data-label={t('dtks.change')}>{t(`dtks.changes.${v.change}`, { defaultValue: v.change })}</td>
              <td data-label={t('dtks.by')}>{[t(`cases:role.${v.actorRole}`, { defaultValue: v.actorRole }), v.actorSubject, v.actorRegion].filter(Boolean).join(' · ')}</td>
              <td data-label={t('dtks.why')}>
                <div>
                  {v.reason ? <strong>{t(`cases:dtksReason.${v.reason}`, { defaultValue: v.reason })}</strong> : null}
                  {v.reason && v.note ? ': ' : null}
                  {v.note}
                  {v.reference ? <div className="muted small mono">{v.reference}</div> : null}
                </div>
              </td>
              <td data-label={t('dtks.beforeAfter')} className="small">
                {v.before ? stateOf(v.before, t) : t('dtks.admitted')} → {stateOf(v.after, t)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CurationMoves({ record, onAnswer }: { record: DtksRecord; onAnswer(record: DtksRecord): void }) {
  const { t } = useTranslation(['operator', 'cases']);
  const [open, setOpen] = useState<'deactivate' | 'reactivate'>();
  const done = (answer: DtksRecord) => {
    setOpen(undefined);
    onAnswer(answer);
  };
  return (
    <div className="actions">
      {record.status === 'ACTIVE' ? (
        <button type="button" className="danger-outline" onClick={() => setOpen('deactivate')}>
          {t('curation.deactivate')}
        </button>
      ) : (
        <button type="button" onClick={() => setOpen('reactivate')}>
          {t('curation.reactivate')}
        </button>
      )}
      {open === 'deactivate' ? <DeactivateDialog nik={record.nik} onClose={() => setOpen(undefined)} onAnswer={done} /> : null}
      {open === 'reactivate' ? <ReactivateDialog nik={record.nik} onClose={() => setOpen(undefined)} onAnswer={done} /> : null}
    </div>
  );
}

const CHANGED = ['PersonRecord', 'PersonEligibility', 'SearchPersons'];

function DeactivateDialog({ nik, onClose, onAnswer }: { nik: string; onClose(): void; onAnswer(record: DtksRecord): void }) {
  const { t } = useTranslation(['operator', 'cases']);
  const client = useQueryClient();
  const [reason, setReason] = useState<DtksReason>('MAMPU');
  const [note, setNote] = useState('');
  const requestId = useRequestId();
  const send = useApiMutation(DeactivateDtksMember, { onDone: () => void invalidateOperations(client, CHANGED) });
  return (
    <ConfirmDialog
      title={t('curation.deactivateTitle', { nik })}
      description={<p>{t('curation.deactivateDescription')}</p>}
      confirmLabel={t('curation.deactivate')}
      destructive
      busy={send.isPending}
      error={send.error}
      onCancel={onClose}
      onConfirm={() => {
        const values = { nik, reason, note: note.trim() || null };
        send.mutate({ ...values, requestId: requestId.idFor(values) }, { onSuccess: (data) => onAnswer(data.deactivateDtksMember) });
      }}
    >
      <SelectField label={t('curation.reason')} name="reason" value={reason} onChange={(e) => setReason(e.target.value as DtksReason)} options={DTKS_REASONS.map((r) => ({ value: r, label: t(`cases:dtksReason.${r}`) }))} />
      <TextAreaField label={t('curation.note')} hint={t('curation.noteHint')} name="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} required={reason === 'LAINNYA'} />
    </ConfirmDialog>
  );
}

function ReactivateDialog({ nik, onClose, onAnswer }: { nik: string; onClose(): void; onAnswer(record: DtksRecord): void }) {
  const { t } = useTranslation(['operator', 'cases']);
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const requestId = useRequestId();
  const send = useApiMutation(ReactivateDtksMember, { onDone: () => void invalidateOperations(client, CHANGED) });
  return (
    <ConfirmDialog
      title={t('curation.reactivateTitle', { nik })}
      description={<p>{t('curation.reactivateDescription')}</p>}
      confirmLabel={t('curation.reactivate')}
      busy={send.isPending}
      error={send.error}
      onCancel={onClose}
      onConfirm={() => {
        const values = { nik, note: note.trim() || null };
        send.mutate({ ...values, requestId: requestId.idFor(values) }, { onSuccess: (data) => onAnswer(data.reactivateDtksMember) });
      }}
    >
      <TextAreaField label={t('curation.note')} name="note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} required autoFocus />
    </ConfirmDialog>
  );
}

/**
 * The person's eligibility today under a rule set, asked when the operator asks (every
 * answer is a decision the hub logs), and asked again after a curation changed the record.
 */
export function EligibilityPanel({ nik }: { nik: string }) {
  const { t, i18n } = useTranslation(['operator', 'cases']);
  const ruleSets = useApiQuery(RuleSetCodes, {});
  const [ruleSet, setRuleSet] = useState('DTKS');
  const [asked, setAsked] = useState<string>();
  const decision = useApiQuery(PersonEligibility, { nik, ruleSet: asked ?? ruleSet }, { enabled: !!asked });
  const result = decision.data?.eligibility;
  return (
    <section className="panel" aria-labelledby="eligibility-title" data-testid="eligibility">
      <h2 id="eligibility-title">{t('eligibility.title')}</h2>
      <form
        className="selection-bar"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(ruleSet);
          if (asked === ruleSet) void decision.refetch();
        }}
      >
        <SelectField
          label={t('eligibility.ruleSet')}
          name="ruleSet"
          value={ruleSet}
          onChange={(e) => setRuleSet(e.target.value)}
          options={(ruleSets.data?.ruleSets ?? [{ code: 'DTKS', name: 'DTKS' }]).map((r) => ({ value: r.code, label: r.code }))}
        />
        <button type="submit">{t('eligibility.ask')}</button>
      </form>
      <p className="muted small">{t('eligibility.logged')}</p>
      {decision.error ? <ErrorNotice error={decision.error} /> : null}
      {asked && decision.isFetching ? <Loading /> : null}
      {result && !decision.isFetching ? (
        <div data-testid="eligibility-result" data-decision={result.decision}>
          <p>
            <span className={`decision ${result.decision.toLowerCase()}`}>{t(`eligibility.decision.${result.decision}`)}</span>{' '}
            <span className="muted small">
              {result.ruleSet} v{result.ruleSetVersion} · {t('eligibility.asOf', { date: formatDate(result.asOf, i18n.language as Locale) })}
            </span>
          </p>
          <ul className="checks">
            {result.checks.map((c) => (
              <li key={c.code} data-check={c.code} data-status={c.status}>
                <span className={`badge ${c.status === 'PASS' ? 'good' : c.status === 'FAIL' ? 'bad' : 'open'}`}>{c.status}</span> <strong>{c.code}</strong>
                {c.reason ? <span className="muted">: {c.reason}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
