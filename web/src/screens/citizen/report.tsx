/**
 * File a community report (someone in need, Banyuwangi), propose someone for DTKS (usul),
 * object to a current recipient (sanggah, Portal Bansos Digital) or complain about a payment
 * (posko keluhan): API.md, Workflows. Each answer gives a receipt to follow the case by. A
 * request id per submission, reused when the same values are sent again, keeps a retry from
 * filing twice. Officers file on a person's behalf, and see only the kinds their role may file.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/citizen.ts';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { useRequestId } from '../../api/request-id.ts';
import { useApiMutation, useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { NIK_PATTERN, SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { PATHS } from '../../routes.ts';
import { useSession } from '../../session/session.tsx';
import type { CaseData } from '../cases/case-view.tsx';
import { apiLanguage, COMPLAINT_CATEGORIES, DTKS_REASONS, type ComplaintCategory, type DtksReason } from '../cases/documents.ts';
import { FILINGS_OF, OnBehalfNotice, useOnBehalf, type Filing } from './acting.tsx';
import { Programs, SubmitComplaint, SubmitObjection, SubmitProposal, SubmitReport } from './documents.ts';
import { FiledOutcome } from './outcome.tsx';

export default function ReportScreen() {
  const { t } = useTranslation(['citizen', 'cases']);
  const { role } = useSession();
  const kinds = FILINGS_OF[role] ?? FILINGS_OF.PUBLIC!;
  const search = useSearch();
  const [, navigate] = useLocation();
  const asked = new URLSearchParams(search).get('kind') as Filing | null;
  const kind = asked && kinds.includes(asked) ? asked : kinds[0]!;
  return (
    <section className="page phone">
      <h1>{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <OnBehalfNotice />
      <SelectField
        label={t('report.kind')}
        name="kind"
        value={kind}
        onChange={(e) => navigate(`${PATHS.report}?kind=${e.target.value}`, { replace: true })}
        options={kinds.map((k) => ({ value: k, label: t(`report.kinds.${k}`) }))}
      />
      <p className="muted small" data-testid="kind-explained">
        {t(`report.explain.${kind}`)}
      </p>
      {/* One form per kind, each with its own fields and request ids. */}
      {kind === 'report' ? <ReportForm key={kind} /> : kind === 'proposal' ? <ProposalForm key={kind} /> : kind === 'objection' ? <ObjectionForm key={kind} /> : <ComplaintForm key={kind} />}
    </section>
  );
}

/** The fields of a form as one object, each input bound to its key. */
function useFields<F extends Record<string, string>>(initial: F) {
  const [fields, setFields] = useState(initial);
  const bind = (key: keyof F) => ({
    name: String(key),
    value: fields[key],
    onChange: (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value })),
  });
  return { fields, bind };
}

/** A filing form: its fields, the send button, and the hub's answer in place of the form once it came. */
function FilingForm({
  onSubmit,
  pending,
  error,
  filed,
  nik,
  askedIn,
  onAgain,
  children,
}: {
  onSubmit: () => void;
  pending: boolean;
  error: Error | null;
  filed?: CaseData;
  nik?: string;
  askedIn?: 'ID' | 'EN';
  onAgain: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation(['citizen', 'cases']);
  if (filed && nik && askedIn) return <FiledOutcome filed={filed} nik={nik} askedIn={askedIn} onAgain={onAgain} />;
  return (
    <>
      <form
        className="stack"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" className="primary wide" disabled={pending}>
          {pending ? t('form.sending') : t('report.send')}
        </button>
      </form>
      <div aria-live="polite">{error ? <ErrorNotice error={error} /> : null}</div>
    </>
  );
}

const nikInput = { inputMode: 'numeric' as const, autoComplete: 'off', pattern: NIK_PATTERN, maxLength: 16 };

function ReportForm() {
  const { t, i18n } = useTranslation(['citizen', 'cases']);
  const { onBehalf } = useOnBehalf();
  const { fields, bind } = useFields({ nik: '', name: '', reporterNik: '', reason: '' });
  const requestId = useRequestId();
  const send = useApiMutation(SubmitReport);
  return (
    <FilingForm
      onSubmit={() => {
        const values = { nik: fields.nik.trim(), name: fields.name.trim(), reporterNik: fields.reporterNik.trim() || null, reason: fields.reason.trim() };
        send.mutate({ ...values, requestId: requestId.idFor(values), language: apiLanguage(i18n.language) });
      }}
      pending={send.isPending}
      error={send.error}
      filed={send.data?.submitReport}
      nik={send.variables?.nik}
      askedIn={send.variables?.language}
      onAgain={() => (send.reset(), requestId.renew())}
    >
      <TextField label={t('report.personNik')} {...nikInput} {...bind('nik')} required />
      <TextField label={t('report.personName')} autoComplete="off" {...bind('name')} required />
      <TextField label={onBehalf ? t('report.reporterNikOnBehalf') : t('report.reporterNik')} hint={onBehalf ? undefined : t('report.reporterNikHint')} {...nikInput} {...bind('reporterNik')} />
      <TextAreaField label={t('report.reason')} rows={3} {...bind('reason')} required maxLength={1000} />
    </FilingForm>
  );
}

function ProposalForm() {
  const { t, i18n } = useTranslation(['citizen', 'cases']);
  const { onBehalf } = useOnBehalf();
  const { fields, bind } = useFields({ nik: '', name: '', submitterNik: '', reason: '' });
  const requestId = useRequestId();
  const send = useApiMutation(SubmitProposal);
  return (
    <FilingForm
      onSubmit={() => {
        const values = { nik: fields.nik.trim(), name: fields.name.trim(), submitterNik: fields.submitterNik.trim(), reason: fields.reason.trim() };
        send.mutate({ ...values, requestId: requestId.idFor(values), language: apiLanguage(i18n.language) });
      }}
      pending={send.isPending}
      error={send.error}
      filed={send.data?.submitProposal}
      nik={send.variables?.nik}
      askedIn={send.variables?.language}
      onAgain={() => (send.reset(), requestId.renew())}
    >
      <TextField label={t('report.proposedNik')} {...nikInput} {...bind('nik')} required />
      <TextField label={t('report.personName')} autoComplete="off" {...bind('name')} required />
      <TextField label={onBehalf ? t('report.submitterNikOnBehalf') : t('report.submitterNik')} hint={t('report.submitterNikHint')} {...nikInput} {...bind('submitterNik')} required />
      <TextAreaField label={t('report.reason')} rows={3} {...bind('reason')} required maxLength={1000} />
    </FilingForm>
  );
}

function ObjectionForm() {
  const { t, i18n } = useTranslation(['citizen', 'cases']);
  const { onBehalf } = useOnBehalf();
  const { fields, bind } = useFields({ nik: '', submitterNik: '', reason: 'MAMPU' as string, note: '' });
  const requestId = useRequestId();
  const send = useApiMutation(SubmitObjection);
  return (
    <FilingForm
      onSubmit={() => {
        const values = { nik: fields.nik.trim(), submitterNik: fields.submitterNik.trim(), reason: fields.reason as DtksReason, note: fields.note.trim() || null };
        send.mutate({ ...values, requestId: requestId.idFor(values), language: apiLanguage(i18n.language) });
      }}
      pending={send.isPending}
      error={send.error}
      filed={send.data?.submitObjection}
      nik={send.variables?.nik}
      askedIn={send.variables?.language}
      onAgain={() => (send.reset(), requestId.renew())}
    >
      <TextField label={t('report.recipientNik')} {...nikInput} {...bind('nik')} required />
      <TextField label={onBehalf ? t('report.objectorNikOnBehalf') : t('report.submitterNik')} hint={t('report.sameVillage')} {...nikInput} {...bind('submitterNik')} required />
      <SelectField label={t('report.dtksReason')} {...bind('reason')} options={DTKS_REASONS.map((r) => ({ value: r, label: t(`cases:dtksReason.${r}`) }))} />
      <TextAreaField label={t('report.note')} hint={t('report.noteHint')} rows={3} {...bind('note')} maxLength={1000} />
    </FilingForm>
  );
}

function ComplaintForm() {
  const { t, i18n } = useTranslation(['citizen', 'cases']);
  const programs = useApiQuery(Programs, {});
  const { fields, bind } = useFields({ nik: '', name: '', program: '', category: 'NOT_RECEIVED' as string, description: '' });
  const requestId = useRequestId();
  const send = useApiMutation(SubmitComplaint);
  const program = fields.program || programs.data?.programs[0]?.code || '';
  return (
    <FilingForm
      onSubmit={() => {
        const values = { nik: fields.nik.trim(), name: fields.name.trim(), program, category: fields.category as ComplaintCategory, description: fields.description.trim() };
        send.mutate({ ...values, requestId: requestId.idFor(values), language: apiLanguage(i18n.language) });
      }}
      pending={send.isPending || !program}
      error={send.error ?? programs.error}
      filed={send.data?.submitComplaint}
      nik={send.variables?.nik}
      askedIn={send.variables?.language}
      onAgain={() => (send.reset(), requestId.renew())}
    >
      <TextField label={t('report.complainantNik')} {...nikInput} {...bind('nik')} required />
      <TextField label={t('report.personName')} autoComplete="off" {...bind('name')} required />
      <SelectField
        label={t('report.program')}
        {...bind('program')}
        value={program}
        options={(programs.data?.programs ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
        required
      />
      <SelectField label={t('report.category')} {...bind('category')} options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`cases:category.${c}`) }))} />
      <TextAreaField label={t('report.description')} rows={4} {...bind('description')} required maxLength={2000} />
    </FilingForm>
  );
}
