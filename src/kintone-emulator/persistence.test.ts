// The SQLite data file (`--data FILE`): everything written survives a restart, and the
// seed only fills a new file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, startTestEmulator } from './test-support/emulator-test-kit.js';

const directory = mkdtempSync(join(tmpdir(), 'kintone-emulator-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('SQLite persistence', () => {
  it('keeps apps, records, files, comments, tokens and counters across a restart', async () => {
    const dataFile = join(directory, 'domain.sqlite');
    const first = await startTestEmulator({
      dataFile,
      seed: { users: [{ code: 'dora', name: 'Dora', password: 'dora-pw' }] },
    });
    const app = await createTestApp(first.client, 'Persistent', {
      code: { type: 'SINGLE_LINE_TEXT', code: 'code', label: 'Code', unique: true },
      attachment: { type: 'FILE', code: 'attachment', label: 'Attachment' },
      rows: {
        type: 'SUBTABLE',
        code: 'rows',
        label: 'Rows',
        fields: { item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' } },
      },
    });
    const { fileKey } = await first.client.file.uploadFile({
      file: { name: 'a.txt', data: 'persisted bytes' },
    });
    const { id } = await first.client.record.addRecord({
      app,
      record: {
        code: { value: 'P-1' },
        attachment: { value: [{ fileKey }] },
        rows: { value: [{ value: { item: { value: 'x' } } }] },
      },
    });
    await first.client.record.updateRecord({ app, id, record: { code: { value: 'P-2' } } });
    await first.client.record.addRecordComment({
      app,
      record: id,
      comment: { text: 'remember me' },
    });
    const token = first.emulator.createApiToken(app);
    const failed = await first.request('POST', '/k/v1/records.json', {
      body: { app, records: [{ code: { value: 'Q' } }, { code: { value: 'Q' } }] },
    });
    expect(failed.status).toBe(400);
    const before = await first.client.record.getRecord({ app, id });
    await first.emulator.close();

    const second = await startTestEmulator({ dataFile, seed: 'demo', records: 10 });
    try {
      expect((await second.client.app.getApps({})).apps.map((entry) => entry.name)).toEqual([
        'Persistent',
      ]);
      const after = await second.client.record.getRecord({ app, id });
      expect(after.record).toEqual(before.record);
      expect((await second.client.record.getRecords({ app, totalCount: true })).totalCount).toBe(
        '1',
      );
      const [file] = after.record['attachment']?.value as { fileKey: string }[];
      const bytes = await second.client.file.downloadFile({ fileKey: file?.fileKey ?? '' });
      expect(Buffer.from(bytes).toString('utf8')).toBe('persisted bytes');
      expect(
        (await second.client.record.getRecordComments({ app, record: id })).comments[0]?.text,
      ).toBe('remember me');
      const duplicate = await second.request('POST', '/k/v1/record.json', {
        body: { app, record: { code: { value: 'P-2' } } },
      });
      expect(duplicate.json?.['code']).toBe('CB_VA01');
      const viaToken = await second.request('GET', `/k/v1/records.json?app=${app}`, {
        anonymous: true,
        headers: { 'X-Cybozu-API-Token': token },
      });
      expect(viaToken.status).toBe(200);
      const dora = await second.request('GET', `/k/v1/records.json?app=${app}`, {
        headers: { 'X-Cybozu-Authorization': Buffer.from('dora:dora-pw').toString('base64') },
      });
      expect(dora.status).toBe(200);
      const next = await second.client.record.addRecord({ app, record: {} });
      expect(Number(next.id)).toBe(Number(id) + 1);
    } finally {
      await second.emulator.close();
    }
  });
});
