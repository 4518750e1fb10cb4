/**
 * File a community report (someone in need, Banyuwangi), propose someone for DTKS (usul) or
 * object to a current recipient (sanggah, Portal Bansos Digital): API.md, Workflows. Each
 * answer gives a receipt to follow it by. A request id made when the form is filled keeps a
 * retry from filing twice.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePendingMutation } from '../../api/use-api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { NIK_PATTERN, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import {
  DTKS_REASONS,
  PENDING,
  type Filed,
  type SubmitObjectionVariables,
  type SubmitProposalVariables,
  type SubmitReportVariables,
} from './pending.ts';

type Kind = 'report' | 'proposal' | 'objection';
const KINDS: Kind[] = ['report', 'proposal', 'objection'];

export default function ReportScreen() {
  const { t } = useTranslation('citizen');
  const [kind, setKind] = useState<Kind>('report');
  return (
    <section className="page phone">
      <h1>{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <SelectField label={t('report.kind')} name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} options={KINDS.map((k) => ({ value: k, label: t(`report.kinds.${k}`) }))} />
      <p className="muted small">{t(`report.explain.${kind}`)}</p>
      {/* One form per kind, each with its own fields and request id. */}
      {kind === 'report' ? <ReportForm /> : kind === 'proposal' ? <ProposalForm /> : <ObjectionForm />}
    </section>
  );
}

function useRequestId() {
  const [id, setId] = useState(() => crypto.randomUUID());
  return [id, () => setId(crypto.randomUUID())] as const;
}

function ReportForm() {
  const { t } = useTranslation('citizen');
  const [fields, setFields] = useState({ nik: '', name: '', reporterNik: '', reason: '' });
  const [requestId, renew] = useRequestId();
  const send = usePendingMutation<{ submitReport: Filed }, SubmitReportVariables>(PENDING.submitReport);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ nik: fields.nik.trim(), name: fields.name.trim(), reporterNik: fields.reporterNik.trim() || null, reason: fields.reason.trim(), requestId });
  }
  return (
    <>
      <form className="stack" onSubmit={submit}>
        <TextField label={t('report.personNik')} name="nik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.nik} onChange={set('nik')} required />
        <TextField label={t('report.personName')} name="name" value={fields.name} onChange={set('name')} required />
        <TextField label={t('report.reporterNik')} hint={t('report.reporterNikHint')} name="reporterNik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.reporterNik} onChange={set('reporterNik')} />
        <TextAreaField label={t('report.reason')} name="reason" rows={3} value={fields.reason} onChange={set('reason')} required maxLength={1000} />
        <button type="submit" className="primary wide" disabled={send.isPending}>
          {send.isPending ? t('form.sending') : t('report.send')}
        </button>
      </form>
      <Outcome error={send.error} filed={send.data?.submitReport} onAgain={() => (send.reset(), renew())} />
    </>
  );
}

function ProposalForm() {
  const { t } = useTranslation('citizen');
  const [fields, setFields] = useState({ nik: '', name: '', submitterNik: '', reason: '' });
  const [requestId, renew] = useRequestId();
  const send = usePendingMutation<{ submitProposal: Filed }, SubmitProposalVariables>(PENDING.submitProposal);
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value });
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ nik: fields.nik.trim(), name: fields.name.trim(), submitterNik: fields.submitterNik.trim(), reason: fields.reason.trim(), requestId });
  }
  return (
    <>
      <form className="stack" onSubmit={submit}>
        <TextField label={t('report.personNik')} name="nik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.nik} onChange={set('nik')} required />
        <TextField label={t('report.personName')} name="name" value={fields.name} onChange={set('name')} required />
        <TextField label={t('report.submitterNik')} name="submitterNik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.submitterNik} onChange={set('submitterNik')} required />
        <TextAreaField label={t('report.reason')} name="reason" rows={3} value={fields.reason} onChange={set('reason')} required maxLength={1000} />
        <button type="submit" className="primary wide" disabled={send.isPending}>
          {send.isPending ? t('form.sending') : t('report.send')}
        </button>
      </form>
      <Outcome error={send.error} filed={send.data?.submitProposal} onAgain={() => (send.reset(), renew())} />
    </>
  );
}

function ObjectionForm() {
  const { t } = useTranslation('citizen');
  const [fields, setFields] = useState({ nik: '', submitterNik: '', reason: 'MAMPU' as SubmitObjectionVariables['reason'], note: '' });
  const [requestId, renew] = useRequestId();
  const send = usePendingMutation<{ submitObjection: Filed }, SubmitObjectionVariables>(PENDING.submitObjection);
  function submit(event: FormEvent) {
    event.preventDefault();
    send.mutate({ nik: fields.nik.trim(), submitterNik: fields.submitterNik.trim(), reason: fields.reason, note: fields.note.trim() || null, requestId });
  }
  return (
    <>
      <form className="stack" onSubmit={submit}>
        <TextField label={t('report.recipientNik')} name="nik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.nik} onChange={(e) => setFields({ ...fields, nik: e.target.value })} required />
        <TextField label={t('report.submitterNik')} hint={t('report.sameVillage')} name="submitterNik" inputMode="numeric" pattern={NIK_PATTERN} maxLength={16} value={fields.submitterNik} onChange={(e) => setFields({ ...fields, submitterNik: e.target.value })} required />
        <SelectField
          label={t('report.dtksReason')}
          name="reason"
          value={fields.reason}
          onChange={(e) => setFields({ ...fields, reason: e.target.value as SubmitObjectionVariables['reason'] })}
          options={DTKS_REASONS.map((r) => ({ value: r, label: t(`report.dtksReasons.${r}`) }))}
        />
        <TextAreaField label={t('report.note')} name="note" rows={3} value={fields.note} onChange={(e) => setFields({ ...fields, note: e.target.value })} maxLength={1000} />
        <button type="submit" className="primary wide" disabled={send.isPending}>
          {send.isPending ? t('form.sending') : t('report.send')}
        </button>
      </form>
      <Outcome error={send.error} filed={send.data?.submitObjection} onAgain={() => (send.reset(), renew())} />
    </>
  );
}

/** The hub's answer: a receipt to follow it by, or its refusal. */
function Outcome({ error, filed, onAgain }: { error: Error | null; filed?: Filed; onAgain: () => void }) {
  const { t } = useTranslation('citizen');
  return (
    <div aria-live="polite">
      {error ? <ErrorNotice error={error} /> : null}
      {filed ? (
        <div className={`result ${filed.status === 'REJECTED' ? 'bad' : 'good'}`} data-testid="filed" data-status={filed.status}>
          <h2>{t('report.filed', { status: filed.status })}</h2>
          <p>
            {t('apply.receipt')} <strong className="mono">{filed.receipt}</strong>
          </p>
          {filed.reasons?.length ? (
            <ul>
              {filed.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" onClick={onAgain}>
            {t('report.again')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
