/**
 * Apply for a programme (API.md, Applications, as Jembrana's I-BAN): the rule set decides at
 * once, and the answer gives the receipt, the reasons in the reader's language and, when
 * accepted, where to collect. Each submission carries a request id, the same for a retry of
 * the same values, so a retry never applies twice.
 */
import '../../i18n/ns/citizen.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useRequestId } from '../../api/request-id.ts';
import { useApiMutation, useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { NIK_PATTERN, SelectField, TextField } from '../../components/fields.tsx';
import { PATHS } from '../../routes.ts';
import { apiLanguage } from '../cases/documents.ts';
import { OnBehalfNotice, useOnBehalf } from './acting.tsx';
import { Programs, SubmitApplication } from './documents.ts';
import { FiledOutcome } from './outcome.tsx';

export default function ApplyScreen() {
  const { t } = useTranslation('citizen');
  const { onBehalf } = useOnBehalf();
  return (
    <section className="page phone">
      <h1>{t('apply.title')}</h1>
      <p>{onBehalf ? t('apply.introOnBehalf') : t('apply.intro')}</p>
      <OnBehalfNotice />
      <ApplyForm />
      <p className="muted small">
        {t('apply.followHint')} <Link href={PATHS.follow}>{t('apply.followLink')}</Link>
      </p>
    </section>
  );
}

function ApplyForm() {
  const { t, i18n } = useTranslation('citizen');
  const programs = useApiQuery(Programs, {});
  const [program, setProgram] = useState('');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  const requestId = useRequestId();
  const submit = useApiMutation(SubmitApplication);
  const chosen = program || programs.data?.programs[0]?.code || '';

  function send(event: FormEvent) {
    event.preventDefault();
    const values = { program: chosen, nik: nik.trim(), name: name.trim() };
    submit.mutate({ ...values, requestId: requestId.idFor(values), language: apiLanguage(i18n.language) });
  }

  if (submit.data && submit.variables) {
    return (
      <FiledOutcome
        filed={submit.data.submitApplication}
        nik={submit.variables.nik}
        askedIn={submit.variables.language}
        onAgain={() => {
          submit.reset();
          requestId.renew();
        }}
      />
    );
  }
  return (
    <>
      <form onSubmit={send} className="stack">
        {programs.error ? <ErrorNotice error={programs.error} /> : null}
        <SelectField
          label={t('apply.program')}
          name="program"
          value={chosen}
          onChange={(e) => setProgram(e.target.value)}
          options={(programs.data?.programs ?? []).map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
          required
        />
        <TextField label={t('form.nik')} hint={t('form.nikHint')} name="nik" inputMode="numeric" autoComplete="off" pattern={NIK_PATTERN} maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} required />
        <TextField label={t('form.name')} hint={t('form.nameHint')} name="name" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary wide" disabled={submit.isPending || !chosen}>
          {submit.isPending ? t('form.sending') : t('apply.action')}
        </button>
      </form>
      <div aria-live="polite">{submit.error ? <ErrorNotice error={submit.error} /> : null}</div>
    </>
  );
}
