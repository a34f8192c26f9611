// Files (facts sheet §3.8) and record comments (§3.9).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  startTestEmulator,
  type TestEmulator,
} from './test-support/emulator-test-kit.js';
import { expectKintoneError } from './test-support/expect-kintone-error.js';

let kit: TestEmulator;
let app: number;

interface FileValue {
  contentType: string;
  fileKey: string;
  name: string;
  size: string;
}

beforeAll(async () => {
  kit = await startTestEmulator({
    now: new Date('2026-02-01T10:00:00Z'),
    seed: {
      users: [{ code: 'carol', name: 'Carol', password: 'carol-password' }],
      groups: [{ code: 'team', name: 'The team' }],
    },
  });
  app = await createTestApp(kit.client, 'Documents', {
    title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
    attachments: { type: 'FILE', code: 'attachments', label: 'Attachments' },
  });
});
afterAll(async () => {
  await kit.emulator.close();
});

describe('files', () => {
  it('turns an upload key into a download key when attached, and downloads the bytes', async () => {
    const { client } = kit;
    const { fileKey } = await client.file.uploadFile({
      file: { name: 'hello.txt', data: 'Hello, Kintone!' },
    });
    expect(fileKey).toMatch(/^[0-9a-f-]{36}$/);
    const { id } = await client.record.addRecord({
      app,
      record: { attachments: { value: [{ fileKey }] } },
    });
    const { record } = await client.record.getRecord({ app, id });
    const [file] = record['attachments']?.value as FileValue[];
    expect(file).toEqual({
      contentType: 'text/plain',
      fileKey: expect.stringMatching(/^\d{14}[0-9A-F]{35}$/) as unknown,
      name: 'hello.txt',
      size: '15',
    });
    const downloaded = await client.file.downloadFile({ fileKey: file?.fileKey ?? '' });
    expect(Buffer.from(downloaded).toString('utf8')).toBe('Hello, Kintone!');

    await client.record.updateRecord({ app, id, record: { title: { value: 'kept' } } });
    const kept = (await client.record.getRecord({ app, id })).record['attachments']
      ?.value as FileValue[];
    expect(kept[0]?.fileKey).toBe(file?.fileKey);
    await client.record.updateRecord({
      app,
      id,
      record: { attachments: { value: [{ fileKey: file?.fileKey }] } },
    });
    expect(
      ((await client.record.getRecord({ app, id })).record['attachments']?.value as FileValue[])[0]
        ?.fileKey,
    ).toBe(file?.fileKey);
    await client.record.updateRecord({ app, id, record: { attachments: { value: [] } } });
    expect((await client.record.getRecord({ app, id })).record['attachments']?.value).toEqual([]);
  });

  it('answers 404 GAIA_BL01 for unknown keys and refuses upload keys older than 3 days', async () => {
    const unknown = await kit.request('GET', '/k/v1/file.json?fileKey=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({
      code: 'GAIA_BL01',
      message: 'The specified file (id: nope) not found.',
    });
    const { fileKey } = await kit.client.file.uploadFile({
      file: { name: 'old.txt', data: 'old' },
    });
    kit.emulator.clock.advance(3 * 24 * 60 * 60 * 1000 + 1000);
    await expectKintoneError(
      kit.client.record.addRecord({ app, record: { attachments: { value: [{ fileKey }] } } }),
      404,
      'GAIA_BL01',
    );
  });
});

describe('comments', () => {
  it('adds, lists (newest first, 10 at most) and deletes comments', async () => {
    const { client } = kit;
    const { id } = await client.record.addRecord({ app, record: {} });
    for (let index = 1; index <= 12; index++) {
      await client.record.addRecordComment({
        app,
        record: id,
        comment: { text: `comment ${index}` },
      });
    }
    const newest = await client.record.getRecordComments({ app, record: id });
    expect(newest.comments).toHaveLength(10);
    expect(newest.comments[0]).toEqual({
      id: '12',
      text: 'comment 12',
      createdAt: expect.stringMatching(/T\d\d:\d\d:00Z$/) as unknown,
      creator: { code: 'Administrator', name: 'Administrator' },
      mentions: [],
    });
    expect({ older: newest.older, newer: newest.newer }).toEqual({ older: true, newer: false });
    const oldest = await client.record.getRecordComments({
      app,
      record: id,
      order: 'asc',
      limit: 2,
      offset: 1,
    });
    expect(oldest.comments.map((comment) => comment.id)).toEqual(['2', '3']);
    expect({ older: oldest.older, newer: oldest.newer }).toEqual({ older: true, newer: true });

    await client.record.deleteRecordComment({ app, record: id, comment: 12 });
    await expectKintoneError(
      client.record.deleteRecordComment({ app, record: id, comment: 12 }),
      400,
      'GAIA_RE02',
    );
    const badOrder = await kit.request(
      'GET',
      `/k/v1/record/comments.json?app=${app}&record=${id}&order=up`,
    );
    expect(badOrder.json).toMatchObject({
      code: 'CB_VA01',
      errors: { order: { messages: ['must be one of the enum value'] } },
    });
  });

  it('prefixes mentions to the text', async () => {
    const { client } = kit;
    const { id } = await client.record.addRecord({ app, record: {} });
    await client.record.addRecordComment({
      app,
      record: id,
      comment: {
        text: 'Please check.',
        mentions: [
          { code: 'carol', type: 'USER' },
          { code: 'team', type: 'GROUP' },
        ],
      },
    });
    const { comments } = await client.record.getRecordComments({ app, record: id });
    expect(comments[0]?.text).toBe('carol The team \nPlease check.');
    expect(comments[0]?.mentions).toEqual([
      { code: 'carol', type: 'USER' },
      { code: 'team', type: 'GROUP' },
    ]);
  });

  it('answers GAIA_RE01 for comments on unknown records', async () => {
    await expectKintoneError(
      kit.client.record.getRecordComments({ app, record: 99999 }),
      404,
      'GAIA_RE01',
    );
  });
});
