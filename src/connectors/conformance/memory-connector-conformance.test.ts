// The conformance suite against the in-memory connector (which pushes nothing down).
import type { TableSchema } from '../connector.js';
import { MemoryConnector } from '../memory/memory-connector.js';
import { describeConnectorConformance } from './connector-conformance.js';

const none = { filter: [], sort: false };
const table: TableSchema = {
  id: 'people',
  name: 'People',
  label: 'People',
  revision: '1',
  columns: [
    {
      name: 'id',
      propertyName: 'Id',
      type: 'Edm.Int64',
      collection: false,
      nullable: false,
      computed: false,
      immutable: false,
      requiredOnCreate: true,
      pushdown: none,
    },
    {
      name: 'name',
      propertyName: 'Name',
      type: 'Edm.String',
      collection: false,
      nullable: true,
      computed: false,
      immutable: false,
      requiredOnCreate: false,
      pushdown: none,
    },
  ],
  key: ['id'],
  relationships: [],
  writable: { insert: true, update: true, delete: true },
  pushdown: { top: false, skip: false, count: false, select: false, search: false },
};

describeConnectorConformance('memory', () =>
  Promise.resolve({
    connector: new MemoryConnector([
      {
        schema: table,
        rows: Array.from({ length: 20 }, (_, index) => [
          index + 1,
          index % 5 === 0 ? null : `person ${index}`,
        ]),
      },
    ]),
    table,
  }),
);
