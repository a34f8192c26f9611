/**
 * Keeps a domain's state in a SQLite file (`--data FILE`) so that it survives restarts:
 * everything is loaded at start, and every API call's changes are written through in one
 * SQLite transaction (the entries the state marked as touched). Records are stored as
 * their read-shape JSON.
 */
import Database from 'better-sqlite3';
import type { AppState } from '../model/app-state.js';
import type {
  ApiToken,
  DirectoryGroup,
  DirectoryOrganization,
  DirectoryUser,
  Space,
} from '../model/directory.js';
import type { KintoneRecord } from '../model/record.js';
import type {
  CommentThread,
  DirtyEntry,
  EmulatorState,
  StatePersistence,
} from './emulator-state.js';
import { commentThreadKey } from './emulator-state.js';

interface DirectorySnapshot {
  readonly users: DirectoryUser[];
  readonly groups: DirectoryGroup[];
  readonly organizations: DirectoryOrganization[];
  readonly spaces: Space[];
}

const schema = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS apps (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS records (app INTEGER NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (app, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS uploads (key TEXT PRIMARY KEY, name TEXT NOT NULL, content_type TEXT NOT NULL, uploaded_at INTEGER NOT NULL, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, app INTEGER NOT NULL, name TEXT NOT NULL, content_type TEXT NOT NULL, content BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS comments (app INTEGER NOT NULL, record INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (app, record));
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, data TEXT NOT NULL);
`;

export class SqlitePersistence implements StatePersistence {
  private readonly database: Database.Database;
  private readonly statements;

  constructor(path: string) {
    this.database = new Database(path);
    this.database.pragma('journal_mode = WAL');
    this.database.pragma('synchronous = NORMAL');
    this.database.exec(schema);
    const prepare = (sql: string): Database.Statement => this.database.prepare(sql);
    this.statements = {
      putMeta: prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      deleteMeta: prepare('DELETE FROM meta WHERE key = ?'),
      putApp: prepare('INSERT OR REPLACE INTO apps (id, data) VALUES (?, ?)'),
      deleteApp: prepare('DELETE FROM apps WHERE id = ?'),
      putRecord: prepare('INSERT OR REPLACE INTO records (app, id, data) VALUES (?, ?, ?)'),
      deleteRecord: prepare('DELETE FROM records WHERE app = ? AND id = ?'),
      putUpload: prepare(
        'INSERT OR REPLACE INTO uploads (key, name, content_type, uploaded_at, content) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteUpload: prepare('DELETE FROM uploads WHERE key = ?'),
      putFile: prepare(
        'INSERT OR REPLACE INTO files (key, app, name, content_type, content) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteFile: prepare('DELETE FROM files WHERE key = ?'),
      putComments: prepare('INSERT OR REPLACE INTO comments (app, record, data) VALUES (?, ?, ?)'),
      deleteComments: prepare('DELETE FROM comments WHERE app = ? AND record = ?'),
      putToken: prepare('INSERT OR REPLACE INTO tokens (token, data) VALUES (?, ?)'),
      deleteToken: prepare('DELETE FROM tokens WHERE token = ?'),
    };
  }

  /** True when the file holds no app yet (a new data file gets the seed). */
  isEmpty(): boolean {
    const row = this.database.prepare('SELECT COUNT(*) AS count FROM apps').get() as {
      count: number;
    };
    return row.count === 0;
  }

  /** Fills an empty state from the file. */
  load(state: EmulatorState): void {
    for (const row of this.database.prepare('SELECT key, value FROM meta').iterate() as Iterable<{
      key: string;
      value: string;
    }>) {
      if (row.key.startsWith('counter:'))
        state.counters.set(row.key.slice('counter:'.length), Number(row.value));
      if (row.key === 'directory') {
        const directory = JSON.parse(row.value) as DirectorySnapshot;
        for (const user of directory.users) state.users.set(user.code, user);
        for (const group of directory.groups) state.groups.set(group.code, group);
        for (const organization of directory.organizations)
          state.organizations.set(organization.code, organization);
        for (const space of directory.spaces) state.spaces.set(space.id, space);
      }
    }
    for (const row of this.database.prepare('SELECT data FROM apps').iterate() as Iterable<{
      data: string;
    }>) {
      const app = JSON.parse(row.data) as AppState;
      state.apps.set(app.id, app);
    }
    const records = this.database.prepare('SELECT app, id, data FROM records ORDER BY app, id');
    for (const row of records.iterate() as Iterable<{ app: number; id: number; data: string }>) {
      state.records(row.app).put(row.id, JSON.parse(row.data) as KintoneRecord);
    }
    const uploads = this.database.prepare(
      'SELECT key, name, content_type, uploaded_at, content FROM uploads',
    );
    for (const row of uploads.iterate() as Iterable<{
      key: string;
      name: string;
      content_type: string;
      uploaded_at: number;
      content: Buffer;
    }>) {
      state.uploads.set(row.key, {
        key: row.key,
        name: row.name,
        contentType: row.content_type,
        uploadedAt: row.uploaded_at,
        content: row.content,
      });
    }
    const files = this.database.prepare('SELECT key, app, name, content_type, content FROM files');
    for (const row of files.iterate() as Iterable<{
      key: string;
      app: number;
      name: string;
      content_type: string;
      content: Buffer;
    }>) {
      state.files.set(row.key, {
        key: row.key,
        app: row.app,
        name: row.name,
        contentType: row.content_type,
        content: row.content,
      });
    }
    for (const row of this.database
      .prepare('SELECT app, record, data FROM comments')
      .iterate() as Iterable<{ app: number; record: number; data: string }>) {
      state.comments.set(
        commentThreadKey(row.app, row.record),
        JSON.parse(row.data) as CommentThread,
      );
    }
    for (const row of this.database.prepare('SELECT data FROM tokens').iterate() as Iterable<{
      data: string;
    }>) {
      const token = JSON.parse(row.data) as ApiToken;
      state.tokens.set(token.token, token);
    }
  }

  write(state: EmulatorState, dirty: Iterable<DirtyEntry>): void {
    const entries = [...dirty];
    if (entries.length === 0) return;
    const statements = this.statements;
    this.database.transaction(() => {
      for (const entry of entries) {
        switch (entry.kind) {
          case 'app': {
            const app = state.apps.get(entry.app);
            if (app === undefined) statements.deleteApp.run(entry.app);
            else statements.putApp.run(entry.app, JSON.stringify(app));
            break;
          }
          case 'record': {
            const record = state.records(entry.app).get(entry.id);
            if (record === undefined) statements.deleteRecord.run(entry.app, entry.id);
            else statements.putRecord.run(entry.app, entry.id, JSON.stringify(record));
            break;
          }
          case 'upload': {
            const upload = state.uploads.get(entry.key);
            if (upload === undefined) statements.deleteUpload.run(entry.key);
            else
              statements.putUpload.run(
                upload.key,
                upload.name,
                upload.contentType,
                upload.uploadedAt,
                upload.content,
              );
            break;
          }
          case 'file': {
            const file = state.files.get(entry.key);
            if (file === undefined) statements.deleteFile.run(entry.key);
            else
              statements.putFile.run(file.key, file.app, file.name, file.contentType, file.content);
            break;
          }
          case 'comments': {
            const thread = state.commentThread(entry.app, entry.record);
            if (thread === undefined) statements.deleteComments.run(entry.app, entry.record);
            else statements.putComments.run(entry.app, entry.record, JSON.stringify(thread));
            break;
          }
          case 'token': {
            const token = state.tokens.get(entry.token);
            if (token === undefined) statements.deleteToken.run(entry.token);
            else statements.putToken.run(entry.token, JSON.stringify(token));
            break;
          }
          case 'counter': {
            const value = state.counters.get(entry.name);
            if (value === undefined) statements.deleteMeta.run(`counter:${entry.name}`);
            else statements.putMeta.run(`counter:${entry.name}`, String(value));
            break;
          }
          case 'directory': {
            const snapshot: DirectorySnapshot = {
              users: [...state.users.values()],
              groups: [...state.groups.values()],
              organizations: [...state.organizations.values()],
              spaces: [...state.spaces.values()],
            };
            statements.putMeta.run('directory', JSON.stringify(snapshot));
            break;
          }
        }
      }
    })();
  }

  clear(): void {
    this.database.exec(
      'DELETE FROM meta; DELETE FROM apps; DELETE FROM records; DELETE FROM uploads; DELETE FROM files; DELETE FROM comments; DELETE FROM tokens;',
    );
  }

  close(): void {
    this.database.close();
  }
}
