/**
 * The public workflows (API.md, Workflows) the citizen screens send before the supergraph
 * has them: the document text from web/pending/, and the answers' shapes as API.md gives
 * them. Once a field lands, its document moves into a `graphql()` document here and its
 * interface goes (web/pending/README.md).
 */
import applicationText from '../../../pending/application.graphql?raw';
import recipientCheckText from '../../../pending/recipient-check.graphql?raw';
import submitApplicationText from '../../../pending/submit-application.graphql?raw';
import submitObjectionText from '../../../pending/submit-objection.graphql?raw';
import submitProposalText from '../../../pending/submit-proposal.graphql?raw';
import submitReportText from '../../../pending/submit-report.graphql?raw';

export const PENDING = {
  recipientCheck: recipientCheckText,
  submitApplication: submitApplicationText,
  application: applicationText,
  submitReport: submitReportText,
  submitProposal: submitProposalText,
  submitObjection: submitObjectionText,
} as const;

/** What a filed report, proposal or objection answers: its receipt and where it stands. */
export interface Filed {
  receipt: string;
  status: string;
  /** Reports only: why one was rejected at once (FAMILY_NOT_RECEIVING). */
  reasons?: string[];
}

export interface SubmitReportVariables {
  nik: string;
  name: string;
  reporterNik?: string | null;
  reason: string;
  requestId: string;
}

export interface SubmitProposalVariables {
  nik: string;
  name: string;
  submitterNik: string;
  reason: string;
  requestId: string;
}

/** API.md: why a current DTKS recipient should leave the list. */
export const DTKS_REASONS = ['MAMPU', 'PINDAH', 'MENINGGAL', 'DUPLIKAT', 'LAINNYA'] as const;

export interface SubmitObjectionVariables {
  nik: string;
  submitterNik: string;
  reason: (typeof DTKS_REASONS)[number];
  note?: string | null;
  requestId: string;
}

export interface ReceivedAid {
  program: string;
  name: string;
  amount: number;
}

export interface RecipientCheckData {
  recipientCheck: { matched: boolean; period: string; programs: ReceivedAid[]; familyPrograms: ReceivedAid[] };
}

export interface RecipientCheckVariables {
  nik: string;
  name: string;
  period?: string | null;
}

export interface CollectionPoint {
  name: string;
  address?: string | null;
  districtCode: string;
}

export interface Application {
  receipt: string;
  program: string;
  status: 'ACCEPTED' | 'REJECTED' | 'PENDING';
  reasons: string[];
  decision: { decision: string; asOf: string };
  collectionPoint?: CollectionPoint | null;
}

export interface SubmitApplicationData {
  submitApplication: Application;
}

export interface SubmitApplicationVariables {
  program: string;
  nik: string;
  name: string;
  requestId: string;
}

export interface ApplicationData {
  application: Application | null;
}

export interface ApplicationVariables {
  receipt: string;
  nik: string;
}
