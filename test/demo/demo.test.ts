// `tsunagi demo` as a user meets it: demo.json, the token on the OData feed, and a restart.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemo, type DemoDescription } from '../../src/demo/start-demo.js';

const dataDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-demo-'));

afterAll(() => {
  rmSync(dataDirectory, { recursive: true, force: true });
});

function basic(description: DemoDescription): string {
  return `Basic ${Buffer.from(`${description.username}:${description.token}`).toString('base64')}`;
}

describe('the demo', () => {
  it('publishes the sample apps, writes demo.json and answers with its token', async () => {
    const demo = await startDemo({ port: 0, dataDirectory, records: 200, logger: false });
    try {
      const written = JSON.parse(
        readFileSync(join(dataDirectory, 'demo.json'), 'utf8'),
      ) as DemoDescription;
      expect(Object.keys(written).sort()).toEqual(
        [
          'adminUrl',
          'kintonePassword',
          'kintoneUrl',
          'kintoneUser',
          'password',
          'serviceUrl',
          'token',
          'username',
        ].sort(),
      );
      expect(written.token).toBe(demo.token);
      expect(statSync(join(dataDirectory, 'demo.json')).mode & 0o077).toBe(0);
      expect(demo.publishedSets).toEqual(
        expect.arrayContaining([
          'CUSTOMERS',
          'DEALS',
          'DEALS_line_items',
          'TICKETS',
          'Guest_PARTNER',
        ]),
      );

      const metadata = await fetch(`${written.serviceUrl}/$metadata`, {
        headers: { Authorization: basic(written) },
      });
      expect(metadata.status).toBe(200);
      expect(await metadata.text()).toContain('<EntitySet Name="DEALS"');

      const page = await fetch(
        `${written.serviceUrl}/DEALS?$filter=probability%20ge%2050&$select=RecordId,deal_name,probability&$top=5&$count=true`,
        {
          headers: { Authorization: basic(written) },
        },
      );
      expect(page.status).toBe(200);
      const body = (await page.json()) as {
        '@odata.count': number;
        value: { probability: number }[];
      };
      expect(body.value.length).toBeGreaterThan(0);
      expect(body.value.every((deal) => deal.probability >= 50)).toBe(true);
      expect(body['@odata.count']).toBeGreaterThanOrEqual(body.value.length);

      const anonymous = await fetch(`${written.serviceUrl}/DEALS`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    } finally {
      await demo.close();
    }
  });

  it('restarts on the same data directory with a new token and the same publications', async () => {
    const demo = await startDemo({ port: 0, dataDirectory, records: 50, logger: false });
    try {
      expect(demo.publishedSets).toContain('CUSTOMERS');
      const response = await fetch(`${demo.serviceUrl}/CUSTOMERS?$top=1`, {
        headers: { Authorization: basic(demo) },
      });
      expect(response.status).toBe(200);
    } finally {
      await demo.close();
    }
  });
});
