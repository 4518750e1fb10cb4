/**
 * Follow a case by its receipt and the person's NIK (API.md, Workflows): an application, a
 * report, a complaint (its ticket), a proposal or an objection. The receipt's prefix names
 * the kind (PMH, LAP, ADU, USL, SGH). An unknown receipt and another NIK get the same answer
 * from the hub (nothing), and the screen says the same for both.
 */
import '../../i18n/ns/citizen.ts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearch } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { ErrorNotice, Loading } from '../../components/error-notice.tsx';
import { NIK_PATTERN, TextField } from '../../components/fields.tsx';
import { CaseDetails, CaseFacts, CaseHeading, CaseHistory, toneOf } from '../cases/case-view.tsx';
import { apiLanguage, kindOfReceipt, type CaseKind } from '../cases/documents.ts';
import { FOLLOW } from './outcome.tsx';

export default function FollowScreen() {
  const { t } = useTranslation('citizen');
  const search = useSearch();
  const [receipt, setReceipt] = useState(() => new URLSearchParams(search).get('receipt') ?? '');
  const [nik, setNik] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [asked, setAsked] = useState<{ kind: CaseKind; receipt: string; nik: string }>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const kind = kindOfReceipt(receipt);
    setInvalid(!kind);
    if (kind) setAsked({ kind, receipt: receipt.trim(), nik: nik.trim() });
  }

  return (
    <section className="page phone">
      <h1>{t('follow.title')}</h1>
      <p>{t('follow.intro')}</p>
      <form className="stack" onSubmit={submit}>
        <TextField
          label={t('follow.receipt')}
          hint={t('follow.receiptHint')}
          error={invalid ? t('follow.badReceipt') : undefined}
          name="receipt"
          autoComplete="off"
          autoCapitalize="characters"
          value={receipt}
          onChange={(e) => setReceipt(e.target.value)}
          required
        />
        <TextField label={t('follow.nik')} hint={t('follow.nikHint')} name="nik" inputMode="numeric" autoComplete="off" pattern={NIK_PATTERN} maxLength={16} value={nik} onChange={(e) => setNik(e.target.value)} required />
        <button type="submit" className="primary wide">
          {t('follow.action')}
        </button>
      </form>
      <div aria-live="polite">{asked ? <Followed {...asked} /> : null}</div>
    </section>
  );
}

function Followed({ kind, receipt, nik }: { kind: CaseKind; receipt: string; nik: string }) {
  const { t, i18n } = useTranslation('citizen');
  const followed = useApiQuery(FOLLOW[kind], { receipt, nik, language: apiLanguage(i18n.language) }, { keepPrevious: true });
  if (followed.error) return <ErrorNotice error={followed.error} />;
  if (!followed.data) return <Loading />;
  const kase = followed.data.found;
  if (!kase) {
    return (
      <div className="result neutral" data-testid="followed" data-found="false">
        <h2>{t('follow.notFound')}</h2>
        <p>{t('follow.notFoundHint')}</p>
      </div>
    );
  }
  return (
    <div className={`result ${toneOf(kase.caseStatus)}`} data-testid="followed" data-found="true" data-kind={kase.kind} data-status={kase.caseStatus}>
      <CaseHeading kase={kase} />
      <CaseFacts kase={kase} />
      <CaseDetails kase={kase} />
      <CaseHistory history={kase.history} />
    </div>
  );
}
