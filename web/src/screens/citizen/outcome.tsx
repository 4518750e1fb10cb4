/**
 * What the hub answered to a filing: the receipt to keep, where the case stands, the reasons
 * in the reader's language and, for an accepted application, where to collect. When the
 * reader switches language after filing, the case is asked again by its receipt in the new
 * language, as following it would.
 */
import '../../i18n/ns/citizen.ts';
import type { TadaDocumentNode } from 'gql.tada';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useApiQuery } from '../../api/use-api.ts';
import { PATHS } from '../../routes.ts';
import { CaseDetails, CaseFacts, CaseHeading, CaseHistory, toneOf, type CaseData } from '../cases/case-view.tsx';
import { apiLanguage, type CaseKind } from '../cases/documents.ts';
import { FollowApplication, FollowComplaint, FollowObjection, FollowProposal, FollowReport } from './documents.ts';

type FollowDocument = TadaDocumentNode<{ found: CaseData | null }, { receipt: string; nik: string; language: 'ID' | 'EN' }>;

/** The look-up of each kind by receipt and NIK. */
export const FOLLOW: Record<CaseKind, FollowDocument> = {
  APPLICATION: FollowApplication as unknown as FollowDocument,
  REPORT: FollowReport as unknown as FollowDocument,
  COMPLAINT: FollowComplaint as unknown as FollowDocument,
  PROPOSAL: FollowProposal as unknown as FollowDocument,
  OBJECTION: FollowObjection as unknown as FollowDocument,
};

export function FiledOutcome({ filed, nik, askedIn, onAgain }: { filed: CaseData; nik: string; askedIn: 'ID' | 'EN'; onAgain: () => void }) {
  const { t, i18n } = useTranslation('citizen');
  const language = apiLanguage(i18n.language);
  const again = useApiQuery(FOLLOW[filed.kind], { receipt: filed.receipt, nik, language }, { enabled: language !== askedIn });
  const kase = language !== askedIn && again.data?.found ? again.data.found : filed;
  // The answer replaces the form: focus moves to it, so a screen reader reads it next.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} className={`result ${toneOf(kase.caseStatus)}`} data-testid="filed" data-kind={kase.kind} data-status={kase.caseStatus}>
      <CaseHeading kase={kase} />
      <p className="keep">{t('outcome.keep')}</p>
      <CaseFacts kase={kase} />
      <CaseDetails kase={kase} />
      <CaseHistory history={kase.history} />
      <div className="actions">
        <Link href={`${PATHS.follow}?receipt=${encodeURIComponent(kase.receipt)}`}>{t('outcome.follow')}</Link>
        <button type="button" onClick={onAgain}>
          {t('outcome.again')}
        </button>
      </div>
    </div>
  );
}
