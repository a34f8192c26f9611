// Salesforce search replayed against the demo, with both adapters: the default form (an
// `or` of contains() over every text field, built from $metadata as Salesforce builds it)
// and free-text `$search`. Expected rows come from the test's own evaluation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultSearchOnly,
  freeTextSearchOnly,
  searchCases,
  type SearchCase,
} from './requests/search.js';
import { entityTypeOf } from './support/csdl-xml.js';
import { expectCollection } from './support/expect-odata-response.js';
import { expectedRead, text, type Entity } from './support/reference-rows.js';
import { salesforceAdapters, type SalesforceAdapter } from './support/salesforce-adapter.js';
import { salesforceUrl, stringLiteral } from './support/salesforce-query.js';
import { startSalesforceReplay, type SalesforceReplay } from './support/salesforce-replay.js';

let replay: SalesforceReplay;

beforeAll(async () => {
  replay = await startSalesforceReplay({ records: 600 });
});

afterAll(async () => {
  await replay.close();
});

async function textFields(set: string): Promise<string[]> {
  return entityTypeOf(await replay.metadata(), set)
    .properties.filter((property) => property.type === 'Edm.String')
    .map((property) => property.name);
}

/** Kintone's word search, as the test reads it: lower-cased runs of ASCII letters and digits. */
function words(value: string): string[] {
  return value.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function wordSearchMatches(entity: Entity, fields: readonly string[], searchText: string) {
  return searchText
    .split(/\s+/)
    .filter((term) => term !== '')
    .every((term) =>
      fields.some((field) => {
        const fieldWords = new Set(words(text(entity, field) ?? ''));
        const termWords = words(term);
        return termWords.length > 0 && termWords.every((word) => fieldWords.has(word));
      }),
    );
}

/** The gateway's own search (subtables): every term a substring of a field, ignoring case. */
function substringMatches(entity: Entity, fields: readonly string[], searchText: string) {
  const terms = searchText.split(/\s+/).filter((term) => term !== '');
  return (
    terms.length > 0 &&
    terms.every((term) =>
      fields.some((field) =>
        (text(entity, field) ?? '').toLowerCase().includes(term.toLowerCase()),
      ),
    )
  );
}

async function checkSearch(
  adapter: SalesforceAdapter,
  searchCase: SearchCase,
  form: 'contains' | '$search',
): Promise<void> {
  const all = await replay.readAll(searchCase.set);
  const key = entityTypeOf(await replay.metadata(), searchCase.set).key;
  const fields = await textFields(searchCase.set);
  const matches =
    form === 'contains'
      ? (entity: Entity) =>
          fields.some((field) => text(entity, field)?.includes(searchCase.text) ?? false)
      : searchCase.wordSearchFields === undefined
        ? (entity: Entity) => substringMatches(entity, fields, searchCase.text)
        : (entity: Entity) =>
            wordSearchMatches(entity, searchCase.wordSearchFields ?? [], searchCase.text);
  const query = {
    set: searchCase.set,
    select: searchCase.select,
    top: 25,
    ...(form === 'contains'
      ? {
          filter: fields
            .map((field) => `contains(${field},${stringLiteral(searchCase.text)}) eq true`)
            .join(' or '),
        }
      : { search: searchCase.text }),
  };
  const expected = expectedRead(all, key, { ...query, matches });
  if (searchCase.empty === true) expect(expected.count).toBe(0);
  else expect(expected.count).toBeGreaterThan(0);
  const response = await replay.send(adapter, { path: salesforceUrl(adapter, query) });
  expectCollection(response, {
    adapter,
    serviceUrl: replay.serviceUrl,
    set: searchCase.set,
    select: searchCase.select,
    rows: expected.rows,
    count: expected.count,
  });
}

describe.each(salesforceAdapters)('search with $name', (adapter) => {
  describe('default search: contains() over every text field', () => {
    it.each([...searchCases, ...defaultSearchOnly])('$screen', (searchCase) =>
      checkSearch(adapter, searchCase, 'contains'),
    );
  });

  describe('free-text search: $search', () => {
    it.each([...searchCases, ...freeTextSearchOnly])('$screen', (searchCase) =>
      checkSearch(adapter, searchCase, '$search'),
    );
  });
});
