/**
 * Which operation of a document runs, checked before @apollo/gateway plans it (issue 16).
 * The gateway's planner throws INVALID_GRAPHQL for an operation it cannot pick (several
 * without `operationName`, or an unknown name) or whose root type the supergraph lacks (a
 * subscription), and Apollo Server answers that with a 500; they are the caller's mistakes.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '@tepat/core';
import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * An operation whose type has no root in the schema fails validation, as graphql-js 17's rule
 * of the same name does: the hub serves queries and mutations over HTTP, no subscriptions.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (!context.getSchema().getRootType(node.operation)) {
      context.reportError(new GraphQLError(`The ${node.operation} operation is not supported: the hub answers queries and mutations only.`, { nodes: node }));
    }
  },
});

/** A document whose operation cannot be picked is refused with 400 OPERATION_RESOLUTION_FAILURE, as Apollo Server does without a gateway. */
export function operationResolution<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName.slice(0, 64)}".`
            : 'Must provide operation name if query contains multiple operations.';
          throw new GraphQLError(message, { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
        },
      };
    },
  };
}
