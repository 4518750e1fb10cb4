/**
 * The moves an operator makes on a case of its region, as each kind allows them from its
 * status (the intake subgraph's operator moves): decide a pending application again, verify
 * or dismiss a report, take up, resolve or close a complaint, accept or reject a proposal,
 * uphold or dismiss an objection. Each is confirmed in a dialog that takes the note, reason
 * or resolution, and is sent with a request id kept for retries of the same words.
 */
import '../../i18n/ns/cases.ts';
import '../../i18n/ns/operator.ts';
import { useQueryClient } from '@tanstack/react-query';
import type { TadaDocumentNode } from 'gql.tada';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRequestId } from '../../api/request-id.ts';
import { invalidateOperations, useApiMutation } from '../../api/use-api.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import type { CaseData } from '../cases/case-view.tsx';
import { apiLanguage } from '../cases/documents.ts';
import {
  AcceptProposal,
  CloseComplaint,
  DecideApplicationAgain,
  DismissObjection,
  DismissReport,
  RejectProposal,
  ResolveComplaint,
  StartComplaint,
  UpholdObjection,
  VerifyReport,
} from './documents.ts';

type MoveDocument = TadaDocumentNode<{ moved: CaseData }, { receipt: string; text?: string | null; requestId: string; language: 'ID' | 'EN' }>;

export type MoveKey = 'decide' | 'verify' | 'dismissReport' | 'start' | 'resolve' | 'close' | 'accept' | 'reject' | 'uphold' | 'dismissObjection';

interface Move {
  key: MoveKey;
  document: MoveDocument;
  /** What the operator writes: nothing, an optional note, or a required reason or resolution. */
  text: 'none' | 'optional' | 'required';
  destructive?: boolean;
}

const move = (key: MoveKey, document: unknown, text: Move['text'], destructive = false): Move => ({ key, document: document as MoveDocument, text, destructive });

const DECIDE = move('decide', DecideApplicationAgain, 'none');
const VERIFY = move('verify', VerifyReport, 'optional');
const DISMISS_REPORT = move('dismissReport', DismissReport, 'required', true);
const START = move('start', StartComplaint, 'optional');
const RESOLVE = move('resolve', ResolveComplaint, 'required');
const CLOSE = move('close', CloseComplaint, 'required', true);
const ACCEPT = move('accept', AcceptProposal, 'optional');
const REJECT = move('reject', RejectProposal, 'required', true);
const UPHOLD = move('uphold', UpholdObjection, 'optional', true);
const DISMISS_OBJECTION = move('dismissObjection', DismissObjection, 'required');

/** What may be done with a case now: nothing once it reached a final status. */
export function movesFor(kase: Pick<CaseData, 'kind' | 'caseStatus'>): Move[] {
  switch (`${kase.kind}:${kase.caseStatus}`) {
    case 'APPLICATION:PENDING':
      return [DECIDE];
    case 'REPORT:QUEUED':
      return [VERIFY, DISMISS_REPORT];
    case 'COMPLAINT:OPEN':
      return [START, RESOLVE, CLOSE];
    case 'COMPLAINT:IN_PROGRESS':
      return [RESOLVE, CLOSE];
    case 'PROPOSAL:QUEUED':
      return [ACCEPT, REJECT];
    case 'OBJECTION:QUEUED':
      return [UPHOLD, DISMISS_OBJECTION];
    default:
      return [];
  }
}

/** The buttons of a case's moves; each opens its confirmation. `onAnswer` gets the case as the hub left it. */
export function CaseMoves({ kase, personName, onAnswer }: { kase: CaseData; personName?: string; onAnswer(moved: CaseData, key: MoveKey): void }) {
  const { t } = useTranslation(['operator', 'cases', 'common']);
  const [open, setOpen] = useState<Move>();
  const moves = movesFor(kase);
  // An open confirmation stays while the hub's answer is read, even when the case moved on
  // meanwhile (another operator's move, shown once the queue is asked again) and has no moves left.
  if (!moves.length && !open) return null;
  return (
    <div className="actions" role="group" aria-label={t('moves.label', { receipt: kase.receipt })}>
      {moves.map((m) => (
        <button key={m.key} type="button" className={m.destructive ? 'danger-outline' : undefined} data-move={m.key} onClick={() => setOpen(m)}>
          {t(`moves.${m.key}.label`)}
        </button>
      ))}
      {open ? (
        <MoveDialog
          move={open}
          kase={kase}
          personName={personName}
          onClose={() => setOpen(undefined)}
          onAnswer={(moved) => {
            setOpen(undefined);
            onAnswer(moved, open.key);
          }}
        />
      ) : null}
    </div>
  );
}

function MoveDialog({ move, kase, personName, onClose, onAnswer }: { move: Move; kase: CaseData; personName?: string; onClose(): void; onAnswer(moved: CaseData): void }) {
  const { t, i18n } = useTranslation(['operator', 'cases', 'common']);
  const client = useQueryClient();
  const [text, setText] = useState('');
  const requestId = useRequestId();
  const send = useApiMutation(move.document, {
    onDone: () => void invalidateOperations(client, ['OperatorQueue', 'FiledCases', 'PersonRecord', 'PersonEligibility']),
  });
  return (
    <ConfirmDialog
      title={t(`moves.${move.key}.title`, { receipt: kase.receipt })}
      description={
        <p>
          {t(`moves.${move.key}.description`)}
          {personName ? (
            <>
              {' '}
              <strong>{personName}</strong> ({kase.nik})
            </>
          ) : null}
        </p>
      }
      confirmLabel={t(`moves.${move.key}.label`)}
      destructive={move.destructive}
      busy={send.isPending}
      error={send.error}
      onCancel={onClose}
      onConfirm={() => {
        const values = { receipt: kase.receipt, text: move.text === 'none' ? undefined : text.trim() || null };
        send.mutate({ ...values, requestId: requestId.idFor({ move: move.key, ...values }), language: apiLanguage(i18n.language) }, { onSuccess: (data) => onAnswer(data.moved) });
      }}
    >
      {move.text !== 'none' ? (
        <TextAreaField
          label={t(`moves.${move.key}.text`)}
          name="text"
          rows={3}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          required={move.text === 'required'}
          autoFocus
        />
      ) : null}
    </ConfirmDialog>
  );
}
