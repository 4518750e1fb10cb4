/**
 * API.md's `CollectionPoint`, defined once for the subgraphs that answer one: aid-history
 * (which owns collection points) and intake (where an accepted applicant was told to go, as
 * recorded with the application). Composed as a `@shareable` value type.
 */
import type { CallerContext, SharedTypesBuilder } from '../builder.js';

export interface CollectionPointAnswer {
  name: string;
  address: string | null;
  districtCode: string;
}

export function collectionPointType<Context extends CallerContext>(builder: SharedTypesBuilder<Context>) {
  return builder.objectRef<CollectionPointAnswer>('CollectionPoint').implement({
    description: 'Where to collect aid.',
    shareable: true,
    fields: (t) => ({
      name: t.exposeString('name', { description: 'e.g. Kantor Camat Negara.' }),
      address: t.exposeString('address', { nullable: true, description: 'The street address, when the point has one on file.' }),
      districtCode: t.exposeString('districtCode', { description: 'The kecamatan where the point is.' }),
    }),
  });
}
