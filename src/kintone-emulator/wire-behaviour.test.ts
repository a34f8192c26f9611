// Request and response conventions on the wire (facts sheet §1, §6): error bodies and
// headers, message language, parameters from query strings and bodies, method override,
// malformed JSON, URL length, and the domain's concurrency limit.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator({ language: 'ja' });
  app = await createTestApp(kit.client, 'Wire', {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
    n: { type: 'NUMBER', code: 'n', label: 'N' },
  });
  await kit.client.record.addRecords({
    app,
    records: [
      { title: { value: 'a' }, n: { value: 1 } },
      { title: { value: 'b' }, n: { value: 2 } },
    ],
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

describe('responses', () => {
  it('shapes errors as Kintone does, with a random 20-character id and the JSON content type', async () => {
    const first = await kit.request('GET', `/k/v1/record.json?app=${app}&id=999`, {
      headers: { 'Accept-Language': 'en' },
    });
    const second = await kit.request('GET', `/k/v1/record.json?app=${app}&id=999`, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(first.headers.get('content-type')).toBe('application/json;charset=utf-8');
    expect(Object.keys(first.json ?? {})).toEqual(['code', 'id', 'message']);
    expect(first.json?.['id']).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(first.json?.['id']).not.toBe(second.json?.['id']);
  });

  it('names the system fields of new apps in the domain language', async () => {
    const { record } = await kit.client.record.getRecord({ app, id: 1 });
    expect(record['レコード番号']).toEqual({ type: 'RECORD_NUMBER', value: '1' });
    expect(record['作成者']?.type).toBe('CREATOR');
    expect(record['Record_number']).toBeUndefined();
  });

  it('carries the concurrency headers on every response', async () => {
    for (const path of [`/k/v1/records.json?app=${app}`, '/k/v1/nothing.json']) {
      const response = await kit.request('GET', path);
      expect(response.headers.get('x-concurrencylimit-limit')).toBe('100');
      expect(response.headers.get('x-concurrencylimit-running')).toBe('1');
    }
  });

  it.each([
    [undefined, '入力内容が正しくありません。'],
    ['*', '入力内容が正しくありません。'],
    ['en-US,en;q=0.9', 'Missing or invalid input.'],
    ['zh;q=0.9,en;q=0.8', 'Missing or invalid input.'],
    ['fr', '入力内容が正しくありません。'],
  ])('answers Accept-Language %s in the right language', async (language, message) => {
    const response = await kit.request('GET', '/k/v1/records.json', {
      headers: language === undefined ? {} : { 'Accept-Language': language },
    });
    expect(response.json?.['message']).toBe(message);
  });

  it('returns ids, revisions and counts as strings while accepting numbers or strings', async () => {
    const asString = await kit.request('GET', `/k/v1/record.json?app=${app}&id=1`);
    const asNumber = await kit.request('POST', '/k/v1/record.json', {
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { app: String(app), id: 1 },
    });
    expect(asNumber.json).toEqual(asString.json);
    const added = await kit.request('POST', '/k/v1/record.json', {
      body: { app: String(app), record: {} },
    });
    expect(added.json).toEqual({ id: expect.stringMatching(/^\d+$/) as unknown, revision: '1' });
  });
});

describe('requests', () => {
  it('reads indexed arrays, percent-encoded brackets and + as a space from the query string', async () => {
    const path = `/k/v1/records.json?app=${app}&fields%5B0%5D=title&fields[1]=%24id&query=order+by+%24id+asc&totalCount=true`;
    const response = await kit.request('GET', path);
    expect(response.status).toBe(200);
    const records = response.json?.['records'] as Record<string, { value: string }>[];
    expect(records.map((record) => Object.keys(record).sort())).toEqual([
      ['$id', 'title'],
      ['$id', 'title'],
      ['$id', 'title'],
    ]);
    expect(records.map((record) => record['title']?.value)).toEqual(['a', 'b', '']);
    expect(response.json?.['totalCount']).toBe('3');
  });

  it('takes GET parameters from a JSON body too', async () => {
    const body = JSON.stringify({ app, query: 'limit 1' });
    const text = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        `${kit.emulator.url}/k/v1/records.json`,
        {
          method: 'GET',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
            'X-Cybozu-Authorization': kit.adminAuthorization,
          },
        },
        (response) => {
          let received = '';
          response.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
          response.on('end', () => resolve(received));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    expect((JSON.parse(text) as { records: unknown[] }).records).toHaveLength(1);
  });

  it('honours X-HTTP-Method-Override on POST only, and only in upper case', async () => {
    const overridden = await kit.request('POST', '/k/v1/records.json', {
      headers: { 'X-HTTP-Method-Override': 'GET' },
      body: { app, query: 'limit 1' },
    });
    expect(overridden.json?.['records']).toBeDefined();
    const lower = await kit.request('POST', '/k/v1/records.json', {
      headers: { 'X-HTTP-Method-Override': 'get' },
      body: { app, records: [] },
    });
    expect(lower.json).toEqual({ ids: [], revisions: [] });
  });

  it('answers malformed JSON with CB_IJ01', async () => {
    const response = await kit.request('POST', '/k/v1/record.json', {
      body: '{"app": 1,',
      headers: { 'Accept-Language': 'en' },
    });
    expect(response.status).toBe(400);
    expect(response.json?.['code']).toBe('CB_IJ01');
  });

  it('answers URLs over 8 KB with a non-JSON 414', async () => {
    const response = await kit.request(
      'GET',
      `/k/v1/records.json?app=${app}&query=${'x'.repeat(8300)}`,
    );
    expect(response.status).toBe(414);
    expect(response.json).toBeUndefined();
  });

  it('names missing or invalid parameters', async () => {
    const missing = await kit.request('GET', '/k/v1/record.json?id=1', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(missing.json?.['errors']).toEqual({ app: { messages: ['Required field.'] } });
    const zero = await kit.request('GET', '/k/v1/record.json?app=0&id=1', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(zero.json?.['errors']).toEqual({
      app: { messages: ['must be greater than or equal to 1'] },
    });
  });
});

describe('concurrency limit', () => {
  it('answers 429 GAIA_TO04 with X-Cybozu-Error above the limit', async () => {
    kit.emulator.setFaults({ concurrencyLimit: 2, latencyMilliseconds: 150 });
    try {
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          kit.request('GET', `/k/v1/records.json?app=${app}`, {
            headers: { 'Accept-Language': 'en' },
          }),
        ),
      );
      const refused = responses.filter((response) => response.status === 429);
      expect(refused.length).toBe(2);
      expect(responses.filter((response) => response.status === 200).length).toBe(2);
      const [first] = refused;
      expect(first?.json).toMatchObject({
        code: 'GAIA_TO04',
        message: 'The number of concurrent API requests exceeds the limit.',
      });
      expect(first?.headers.get('x-cybozu-error')).toBe('GAIA_TO04');
      expect(first?.headers.get('x-concurrencylimit-limit')).toBe('2');
      expect(Number(first?.headers.get('x-concurrencylimit-running'))).toBeGreaterThan(2);
    } finally {
      kit.emulator.setFaults({ concurrencyLimit: 100, latencyMilliseconds: 0 });
    }
  });
});
