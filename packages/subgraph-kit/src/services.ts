/** The hub's services, their default ports and the environment variables that configure them. */

/** The subgraphs over a PostgreSQL database of their own (embedded or a server). */
export const SUBGRAPH_NAMES = ['population', 'dtks', 'vaccination', 'civil-service', 'aid-history', 'eligibility', 'intake', 'audit'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Every subgraph the gateway composes: the database subgraphs and analytics, which reads ClickHouse. */
export const SUPERGRAPH_NAMES = [...SUBGRAPH_NAMES, 'analytics'] as const;
export type SupergraphMember = (typeof SUPERGRAPH_NAMES)[number];

/** Default ports: the gateway takes 4000 (TEPAT_PORT), subgraphs the ports after it. */
export const DEFAULT_PORTS: Record<SupergraphMember, number> = {
  population: 4001,
  dtks: 4002,
  vaccination: 4003,
  'civil-service': 4004,
  'aid-history': 4005,
  eligibility: 4006,
  analytics: 4007,
  intake: 4008,
  audit: 4009,
};

/**
 * Where the analytics service says which build it serves (`{"build": "<database>" | null}`),
 * on the host of its GraphQL URL; the gateway asks before giving an answer it kept.
 */
export const ANALYTICS_BUILD_PATH = '/build';

/** `civil-service` -> `CIVIL_SERVICE`: how a subgraph's name appears in variable names. */
export function envSuffix(name: SupergraphMember): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}
