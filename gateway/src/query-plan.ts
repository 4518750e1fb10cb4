/**
 * The plan the gateway's query planner makes for an operation over the committed
 * supergraph, printed as Apollo's tools print it: for tests that pin the plans of the
 * queries the hub lives by.
 */
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { readSupergraph } from './compose.js';

let planner: { supergraph: Supergraph; planner: QueryPlanner } | undefined;

export function queryPlanOf(query: string): string {
  if (!planner) {
    const supergraph = Supergraph.build(readSupergraph());
    planner = { supergraph, planner: new QueryPlanner(supergraph) };
  }
  const operation = operationFromDocument(planner.supergraph.schema, parse(query), { validate: true });
  return prettyFormatQueryPlan(planner.planner.buildQueryPlan(operation));
}
