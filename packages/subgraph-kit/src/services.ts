/** The hub's services, their default ports and the environment variables that configure them. */

export const SUBGRAPH_NAMES = ['population', 'dtks', 'vaccination', 'civil-service', 'aid-history', 'eligibility'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports: the gateway takes 4000 (TEPAT_PORT), subgraphs the ports after it. */
export const DEFAULT_PORTS: Record<SubgraphName, number> = {
  population: 4001,
  dtks: 4002,
  vaccination: 4003,
  'civil-service': 4004,
  'aid-history': 4005,
  eligibility: 4006,
};

/** `civil-service` -> `CIVIL_SERVICE`: how a subgraph's name appears in variable names. */
export function envSuffix(name: SubgraphName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export function isSubgraphName(name: string): name is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(name);
}
