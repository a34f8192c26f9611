// The data explorer's view in the console's address and the OData URL it reads.
import { describe, expect, it } from 'vitest';
import { explorerPath, nextOrder, odataUrl, readExplorerQuery } from './explorer-query';

describe('explorer query', () => {
  it('reads defaults from an empty address', () => {
    expect(readExplorerQuery(new URLSearchParams(''))).toEqual({
      set: '',
      filter: '',
      search: '',
      orderBy: '',
      top: 25,
      skip: 0,
    });
  });

  it.each([
    ['top=7&skip=-5', 25, 0],
    ['top=100&skip=200', 100, 200],
    ['top=abc&skip=1.5', 25, 0],
  ])('keeps page sizes and offsets sane (%s)', (text, top, skip) => {
    const query = readExplorerQuery(new URLSearchParams(text));
    expect([query.top, query.skip]).toEqual([top, skip]);
  });

  it('round-trips through the console address', () => {
    const query = {
      set: 'Customers',
      filter: "city eq 'Tōkyō & Ōsaka'",
      search: 'blue',
      orderBy: 'employees desc',
      top: 50,
      skip: 100,
    };
    const path = explorerPath(query);
    expect(readExplorerQuery(new URL(path, 'http://console').searchParams)).toEqual(query);
    expect(explorerPath({ ...query, filter: '', search: '', orderBy: '', top: 25, skip: 0 })).toBe(
      '/explorer?set=Customers',
    );
  });

  it('builds the OData URL with the options percent-encoded', () => {
    expect(
      odataUrl({
        set: 'Customers',
        filter: "startswith(company_name,'A&B') and employees gt 10",
        search: '',
        orderBy: 'employees desc',
        top: 25,
        skip: 50,
      }),
    ).toBe(
      "/api/odata/service/Customers?$filter=startswith(company_name,'A%26B')%20and%20employees%20gt%2010&$orderby=employees%20desc&$top=25&$skip=50&$count=true",
    );
    expect(
      odataUrl({ set: 'Deals', filter: ' ', search: 'a b', orderBy: '', top: 10, skip: 0 }),
    ).toBe('/api/odata/service/Deals?$search=a%20b&$top=10&$count=true');
  });

  it('cycles a column through ascending, descending and no order', () => {
    expect(nextOrder('', 'city')).toBe('city asc');
    expect(nextOrder('city asc', 'city')).toBe('city desc');
    expect(nextOrder('city desc', 'city')).toBe('');
    expect(nextOrder('city desc', 'name')).toBe('name asc');
  });
});
