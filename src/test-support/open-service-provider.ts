/**
 * A service provider for tests and benchmarks: every caller may read and write every
 * published set of a catalog, no authentication. Never used by `tsunagi serve`.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ODataRequestRecord, ODataServiceProvider } from '../server/odata/odata-service.js';

export function openServiceProvider(
  catalog: Catalog,
  records?: ODataRequestRecord[],
): ODataServiceProvider {
  return {
    serviceFor: async () => ({
      snapshot: await catalog.current(),
      authorize: () => undefined,
      recordRequest: (entry) => {
        records?.push(entry);
      },
    }),
  };
}
