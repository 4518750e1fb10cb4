/**
 * Every screen by path, with the roles whose menu shows it, in menu order (a role starts on
 * its first entry). A role's menu hides what the role cannot use; the hub refuses it anyway,
 * so a screen opened by its address shows the refusal.
 */
import type { Role } from './session/roles.ts';

export interface MenuEntry {
  path: string;
  /** common:menu.<key> */
  key: 'month' | 'trend' | 'regions' | 'desks' | 'simulation' | 'flagged' | 'person' | 'queue' | 'search' | 'quality' | 'filed' | 'check' | 'apply' | 'report' | 'follow';
  roles: readonly Role[];
}

const AGGREGATES: readonly Role[] = ['ANALYST', 'AUDITOR', 'ADMIN'];
/** The public workflows (API.md, Workflows): anyone, and those who act for people. */
const WORKFLOWS: readonly Role[] = ['PUBLIC', 'FACILITATOR', 'REGIONAL_APP'];

export const PATHS = {
  home: '/',
  signIn: '/sign-in',
  month: '/analyst',
  trend: '/analyst/trend',
  regions: '/analyst/regions',
  desks: '/analyst/desks',
  simulation: '/simulation',
  flagged: '/audit/flagged',
  person: '/person',
  queue: '/operator/queue',
  search: '/operator/search',
  quality: '/quality',
  filed: '/cases',
  check: '/citizen/check',
  apply: '/citizen/apply',
  report: '/citizen/report',
  follow: '/citizen/follow',
} as const;

export const MENU: readonly MenuEntry[] = [
  { path: PATHS.month, key: 'month', roles: AGGREGATES },
  { path: PATHS.trend, key: 'trend', roles: AGGREGATES },
  { path: PATHS.regions, key: 'regions', roles: AGGREGATES },
  // Whether the desks answer (Bengkulu's "zero deviation"): the cases filed in a month and what became of them.
  { path: PATHS.desks, key: 'desks', roles: AGGREGATES },
  // Draft rule sets tried on the served build (issue 23); the units they move: auditors with a case.
  { path: PATHS.simulation, key: 'simulation', roles: AGGREGATES },
  { path: PATHS.flagged, key: 'flagged', roles: ['AUDITOR'] },
  // The composed record by NIK: auditors anywhere (operators reach it from their search).
  { path: PATHS.person, key: 'person', roles: ['AUDITOR'] },
  // An operator's day: its region's queue, its people, and complaints or usul-sanggah at its desk.
  { path: PATHS.queue, key: 'queue', roles: ['OPERATOR'] },
  { path: PATHS.search, key: 'search', roles: ['OPERATOR'] },
  // Where the registries disagree: items for operators (their region) and auditors, counts for analysts.
  { path: PATHS.quality, key: 'quality', roles: ['OPERATOR', 'AUDITOR', 'ANALYST'] },
  // What a facilitator filed for people (a regional app: its region's applications).
  { path: PATHS.filed, key: 'filed', roles: ['FACILITATOR', 'REGIONAL_APP'] },
  { path: PATHS.check, key: 'check', roles: WORKFLOWS },
  { path: PATHS.apply, key: 'apply', roles: WORKFLOWS },
  { path: PATHS.report, key: 'report', roles: [...WORKFLOWS, 'OPERATOR'] },
  { path: PATHS.follow, key: 'follow', roles: WORKFLOWS },
];

export type Filing = 'report' | 'proposal' | 'objection' | 'complaint';

/**
 * What each role may file on the report screen (packages/auth/src/policy.ts: fileCases for
 * reports, fileProposals for usul and sanggah, fileComplaints for complaints).
 */
export const FILINGS_OF: Partial<Record<Role, readonly Filing[]>> = {
  PUBLIC: ['report', 'proposal', 'objection', 'complaint'],
  FACILITATOR: ['report', 'proposal', 'objection', 'complaint'],
  REGIONAL_APP: ['report', 'proposal', 'objection'],
  OPERATOR: ['proposal', 'objection', 'complaint'],
};

export function menuFor(role: Role): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.includes(role));
}

/** Where a role starts: its first menu entry. */
export function homeFor(role: Role): string {
  return menuFor(role)[0]?.path ?? PATHS.check;
}
