/**
 * Apply for a programme (API.md, Applications, as Jembrana's I-BAN): the rule set decides at
 * once, and the answer gives the receipt, the reasons in Indonesian and, when accepted, where
 * to collect. A receipt and NIK look an application up again later. Each submission carries
 * a request id made when the form is filled, so a retry never applies twice.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery, usePendingMutation } from '../../api/use-api.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { NIK_PATTERN, SelectField, TextField } from '../../components/fields.tsx';
import { graphql } from '../../graphql/graphql.ts';
import {
  PENDING,
  type Application,
  type ApplicationData,
  type ApplicationVariables,
  type SubmitApplicationData,
  type SubmitApplicationVariables,
} from './pending.ts';

/** Programmes are public reference data (PUBLIC may read them). */
const Programs = graphql(`
  query CitizenPrograms {
    programs {
      code
      name
    }
  }
`);

export default function ApplyScreen() {
  const { t } = useTranslation('citizen');
  return (
    <section className="page phone">
      <h1>{t('apply.title')}</h1>
      <p>{t('apply.intro')}</p>
      <ApplyForm />
      <FollowForm />
    </section>
  );
}

function ApplyForm() {
  const { t } = useTranslation('citizen');
  const programs = useApiQuery(Programs, {});
  const [program, setProgram] = useState('');
  const [nik, setNik] = useState('');
  const [name, setName] = useState('');
  // One id per filled form: sending it again (a retry, a double tap) gives the same answer.
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const submit = usePendingMutation<SubmitApplicationData, SubmitApplicationVariables>(PENDING.submitApplication);
  const chosen = program || programs.data?.programs[0]?.code || '';

  function send(event: FormEvent) {
    event.preventDefault();
    submit.mutate({ program: chosen, nik: nik.trim(), name: name.trim(), requestId });
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
        <TextField label={t('form.name')} hint={t('form.nameHint')} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required />
        <button type="submit" className="primary wide" disabled={submit.isPending || !chosen}>
          {submit.isPending ? t('form.sending') : t('apply.action')}
        </button>
      </form>
      <div aria-live="polite">
        {submit.error ? <ErrorNotice error={submit.error} /> : null}
        {submit.data ? (
          <>
            <ApplicationResult application={submit.data.submitApplication} />
            <button
              type="button"
              onClick={() => {
                submit.reset();
                setRequestId(crypto.randomUUID());
              }}
            >
              {t('apply.another')}
            </button>
          </>
        ) : null}
      </div>
    </>
  );
}

function FollowForm() {
  const { t } = useTranslation('citizen');
  const [receipt, setReceipt] = useState('');
  const [nik, setNik] = useState('');
  const follow = usePendingMutation<ApplicationData, ApplicationVariables>(PENDING.application);
  return (
    <section className="panel" aria-labelledby="follow-title">
      <h2 id="follow-title">{t('follow.title')}</h2>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          follow.mutate({ receipt: receipt.trim(), nik: nik.trim() });
        }}
      >
        <TextField label={t('follow.receipt')} name="receipt" autoComplete="off" value={receipt} onChange={(e) => setReceipt(e.target.value)} required />
        <TextField label={t('form.nik')} name="follow-nik" inputMode="numeric" autoComplete="off" pattern={NIK_PATTERN} maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} required />
        <button type="submit" className="wide" disabled={follow.isPending}>
          {t('follow.action')}
        </button>
      </form>
      <div aria-live="polite">
        {follow.error ? <ErrorNotice error={follow.error} /> : null}
        {follow.data ? follow.data.application ? <ApplicationResult application={follow.data.application} /> : <p>{t('follow.notFound')}</p> : null}
      </div>
    </section>
  );
}

/** The decision with its reasons (already in plain Indonesian from the hub) and, when accepted, where to collect. */
function ApplicationResult({ application }: { application: Application }) {
  const { t } = useTranslation('citizen');
  const tone = application.status === 'ACCEPTED' ? 'good' : application.status === 'REJECTED' ? 'bad' : 'neutral';
  return (
    <div className={`result ${tone}`} data-testid="application-result" data-status={application.status}>
      <h2>{t(`apply.status.${application.status}`)}</h2>
      <p>
        {t('apply.receipt')} <strong className="mono">{application.receipt}</strong>
      </p>
      {application.reasons.length ? (
        <>
          <h3>{t('apply.reasons')}</h3>
          <ul>
            {application.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </>
      ) : null}
      {application.collectionPoint ? (
        <>
          <h3>{t('apply.collectAt')}</h3>
          <p>
            <strong>{application.collectionPoint.name}</strong>
            {application.collectionPoint.address ? <>, {application.collectionPoint.address}</> : null}
          </p>
        </>
      ) : null}
    </div>
  );
}
