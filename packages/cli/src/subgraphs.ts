/** Every subgraph package by name, imported only when needed so a process loads only the code of the subgraphs it serves. */
import type { SubgraphDefinition, SubgraphName } from '@tepat/subgraph-kit';

export const subgraphs: Record<SubgraphName, () => Promise<SubgraphDefinition>> = {
  population: async () => (await import('@tepat/population')).subgraph,
  dtks: async () => (await import('@tepat/dtks')).subgraph,
  vaccination: async () => (await import('@tepat/vaccination')).subgraph,
  'civil-service': async () => (await import('@tepat/civil-service')).subgraph,
  'aid-history': async () => (await import('@tepat/aid-history')).subgraph,
  eligibility: async () => (await import('@tepat/eligibility')).subgraph,
  intake: async () => (await import('@tepat/intake')).subgraph,
  audit: async () => (await import('@tepat/audit')).subgraph,
};
