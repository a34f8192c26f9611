// Write validation (facts sheet §10, §6.3): exact errors keys and messages, normalisation of
// numbers, dates and date-times, read-only fields, defaults on POST only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  options,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';

let kit: TestEmulator;
let app: number;

beforeAll(async () => {
  kit = await startTestEmulator({ now: new Date('2026-03-04T05:06:07Z'), timeZone: 'Asia/Tokyo' });
  app = await createTestApp(kit.client, 'Validated', {
    title: {
      type: 'SINGLE_LINE_TEXT',
      code: 'title',
      label: 'Title',
      required: true,
      maxLength: '5',
    },
    short: { type: 'SINGLE_LINE_TEXT', code: 'short', label: 'Short', minLength: '3' },
    serial: { type: 'SINGLE_LINE_TEXT', code: 'serial', label: 'Serial', unique: true },
    amount: { type: 'NUMBER', code: 'amount', label: 'Amount', minValue: '0', maxValue: '100' },
    colour: {
      type: 'DROP_DOWN',
      code: 'colour',
      label: 'Colour',
      options: options(['Red', 'Blue']),
      defaultValue: 'Red',
    },
    size: {
      type: 'RADIO_BUTTON',
      code: 'size',
      label: 'Size',
      options: options(['S', 'M']),
      required: true,
    },
    tags: { type: 'CHECK_BOX', code: 'tags', label: 'Tags', options: options(['a', 'b']) },
    people: {
      type: 'USER_SELECT',
      code: 'people',
      label: 'People',
      required: false,
      defaultValue: [{ code: 'LOGINUSER()', type: 'FUNCTION' }],
    },
    files: { type: 'FILE', code: 'files', label: 'Files' },
    day: { type: 'DATE', code: 'day', label: 'Day', defaultNowValue: true },
    moment: { type: 'DATETIME', code: 'moment', label: 'Moment' },
    clock: { type: 'TIME', code: 'clock', label: 'Clock' },
    text: { type: 'MULTI_LINE_TEXT', code: 'text', label: 'Text', defaultValue: 'hello' },
    doubled: { type: 'CALC', code: 'doubled', label: 'Doubled', expression: 'amount * 2' },
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

async function post(record: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  return (await kit.request('POST', '/k/v1/record.json', { body: { app, record } })).json;
}

async function read(id: unknown): Promise<Record<string, { type: string; value: unknown }>> {
  const response = await kit.request('GET', `/k/v1/record.json?app=${app}&id=${String(id)}`);
  return response.json?.['record'] as Record<string, { type: string; value: unknown }>;
}

const valid = { title: { value: 'ok' }, short: { value: 'abc' }, size: { value: 'S' } };

describe('validation keys and messages', () => {
  it.each([
    ['required text', { ...valid, title: { value: '' } }, 'record.title.value', 'Required.'],
    [
      'maxLength',
      { ...valid, title: { value: 'toolong' } },
      'record.title.value',
      'Enter less than 6 characters.',
    ],
    [
      'minLength on an empty value',
      { ...valid, short: { value: '' } },
      'record.short.value',
      'Enter more than 2 characters.',
    ],
    [
      'maxValue',
      { ...valid, amount: { value: '101' } },
      'record.amount.value',
      'The value must be 100 or less.',
    ],
    [
      'minValue',
      { ...valid, amount: { value: -1 } },
      'record.amount.value',
      'The value must be 0 or more.',
    ],
    [
      'drop-down option',
      { ...valid, colour: { value: 'Green' } },
      'record.colour.value',
      'The value, "Green", is not in options.',
    ],
    [
      'check box option',
      { ...valid, tags: { value: ['a', 'zz'] } },
      'record.tags.values[1].value',
      'The value, "zz", is not in options.',
    ],
    [
      'not a number',
      { ...valid, amount: { value: '12abc' } },
      'record[amount].value',
      'Only numbers are allowed.',
    ],
  ])('%s', async (_name, record, key, message) => {
    const body = await post(record);
    expect(body?.['code']).toBe('CB_VA01');
    expect(body?.['message']).toBe('Missing or invalid input.');
    expect((body?.['errors'] as Record<string, { messages: string[] }>)[key]?.messages).toContain(
      message,
    );
  });

  it('reports the second key of a non-numeric number and every failing field at once', async () => {
    const body = await post({
      title: { value: '' },
      short: { value: 'abc' },
      size: { value: 'S' },
      amount: { value: '1,000' },
    });
    expect(body?.['errors']).toEqual({
      'record.title.value': { messages: ['Required.'] },
      'record[amount].value': { messages: ['Only numbers are allowed.'] },
      'record.amount.value': { messages: ['Required.'] },
    });
  });

  it('reports unique violations and lets a record keep its own value', async () => {
    const first = await post({ ...valid, serial: { value: 'S-1' } });
    const duplicate = await post({ ...valid, serial: { value: 'S-1' } });
    expect(duplicate?.['errors']).toEqual({
      'record.serial.value': { messages: ['This value already exists in another record.'] },
    });
    const resave = await kit.request('PUT', '/k/v1/record.json', {
      body: { app, id: first?.['id'], record: { serial: { value: 'S-1' } } },
    });
    expect(resave.status).toBe(200);
  });

  it('does not enforce required on radio buttons and answers in Japanese when asked', async () => {
    const japanese = await kit.request('POST', '/k/v1/record.json', {
      body: { app, record: { ...valid, title: { value: '' } } },
      headers: { 'Accept-Language': 'ja,en;q=0.5' },
    });
    expect(japanese.json?.['message']).toBe('入力内容が正しくありません。');
    const noRadio = await post({ title: { value: 'x' }, short: { value: 'abc' } });
    expect(noRadio?.['id']).toBeDefined();
  });

  it('checks required fields on the merged record of a PUT', async () => {
    const created = await post(valid);
    const response = await kit.request('PUT', '/k/v1/record.json', {
      body: { app, id: created?.['id'], record: { title: { value: '' } } },
    });
    expect(response.json?.['errors']).toEqual({
      'record.title.value': { messages: ['Required.'] },
    });
  });

  it('prefixes bulk keys with records[i]', async () => {
    const response = await kit.request('POST', '/k/v1/records.json', {
      body: { app, records: [valid, { ...valid, title: { value: '' } }] },
    });
    expect(response.json?.['errors']).toEqual({
      'records[1].title.value': { messages: ['Required.'] },
    });
  });
});

describe('normalisation', () => {
  it.each([
    ['1.5e1', '15'],
    [' 42 ', '42'],
    [7, '7'],
    ['', ''],
  ])('stores the number %j as %j', async (input, stored) => {
    const body = await post({ ...valid, amount: { value: input } });
    expect((await read(body?.['id']))['amount']?.value).toBe(stored);
  });

  it.each([
    ['2015', '2015-01-01'],
    ['2015-7', '2015-07-01'],
    ['2015-7-5', '2015-07-05'],
    ['2015-07-05', '2015-07-05'],
  ])('pads the date %s to %s', async (input, stored) => {
    const body = await post({ ...valid, day: { value: input } });
    expect((await read(body?.['id']))['day']?.value).toBe(stored);
  });

  it.each([
    ['2026-01-02T03:04:59Z', '2026-01-02T03:04:00Z'],
    ['2026-01-02T12:00:30+09:00', '2026-01-02T03:00:00Z'],
    ['2026-01-02', '2026-01-02T00:00:00Z'],
  ])('stores the date-time %s as %s', async (input, stored) => {
    const body = await post({ ...valid, moment: { value: input } });
    expect((await read(body?.['id']))['moment']?.value).toBe(stored);
  });

  it('stores times as HH:MM and empty values in their read shapes', async () => {
    const body = await post({ ...valid, clock: { value: '9:05:30' }, colour: { value: '' } });
    const record = await read(body?.['id']);
    expect(record['clock']?.value).toBe('09:05');
    expect(record['colour']?.value).toBeNull();
    expect(record['tags']?.value).toEqual([]);
    expect(record['files']?.value).toEqual([]);
    expect(record['moment']?.value).toBe('');
  });
});

describe('defaults and read-only fields', () => {
  it('applies defaults on POST to absent keys only, and never on PUT', async () => {
    const body = await post({ ...valid, text: { value: '' } });
    const record = await read(body?.['id']);
    expect(record['colour']?.value).toBe('Red');
    expect(record['text']?.value).toBe('');
    expect(record['day']?.value).toBe('2026-03-04');
    expect(record['people']?.value).toEqual([{ code: 'Administrator', name: 'Administrator' }]);
    await kit.request('PUT', '/k/v1/record.json', {
      body: { app, id: body?.['id'], record: { colour: { value: null } } },
    });
    expect((await read(body?.['id']))['colour']?.value).toBeNull();
  });

  it('ignores values written to read-only fields and recomputes CALC', async () => {
    const body = await post({
      ...valid,
      amount: { value: '21' },
      doubled: { value: '1' },
      Record_number: { value: '999' },
      $revision: { value: '50' },
      unknown_field: { value: 'ignored' },
    });
    const record = await read(body?.['id']);
    expect(record['doubled']?.value).toBe('42');
    expect(record['Record_number']?.value).toBe(String(body?.['id']));
    expect(record['$revision']?.value).toBe('1');
    expect(record['unknown_field']).toBeUndefined();
  });

  it('sets creator and creation time on add only, truncated to the minute', async () => {
    const body = await post({
      ...valid,
      Created_by: { value: { code: 'Administrator' } },
      Created_datetime: { value: '2020-05-06T07:08:09Z' },
    });
    const record = await read(body?.['id']);
    expect(record['Created_datetime']?.value).toBe('2020-05-06T07:08:00Z');
    expect(record['Updated_datetime']?.value).toBe('2026-03-04T05:06:00Z');
    await kit.request('PUT', '/k/v1/record.json', {
      body: {
        app,
        id: body?.['id'],
        record: { Created_datetime: { value: '2021-01-01T00:00:00Z' } },
      },
    });
    expect((await read(body?.['id']))['Created_datetime']?.value).toBe('2020-05-06T07:08:00Z');
  });

  it('refuses unknown users with GAIA_IL26', async () => {
    const response = await kit.request('POST', '/k/v1/record.json', {
      body: { app, record: { ...valid, people: { value: [{ code: 'nobody' }] } } },
    });
    expect(response.status).toBe(400);
    expect(response.json?.['code']).toBe('GAIA_IL26');
  });
});
