/**
 * The whole state of one emulated Kintone domain (apps, records, files, comments, API
 * tokens, directory, counters) and its transactions. Every change goes through a method
 * here that records how to undo it and which persisted entry it touched; `transaction`
 * runs a function all-or-nothing: on an exception every change is undone, on success the
 * touched entries are written through to the persistence (one SQLite transaction per API
 * call), if there is one.
 */
import type { AppState } from '../model/app-state.js';
import type {
  ApiToken,
  DirectoryGroup,
  DirectoryOrganization,
  DirectoryUser,
  Space,
} from '../model/directory.js';
import type { KintoneRecord, UserEntity } from '../model/record.js';
import { RecordStore } from './record-store.js';

export interface UploadedFile {
  readonly key: string;
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
  /** Epoch milliseconds; unattached uploads expire after 3 days. */
  readonly uploadedAt: number;
}

export interface StoredFile {
  readonly key: string;
  readonly app: number;
  readonly name: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface RecordComment {
  readonly id: number;
  readonly text: string;
  readonly createdAt: string;
  readonly creator: UserEntity;
  readonly mentions: readonly { readonly code: string; readonly type: string }[];
}

export interface CommentThread {
  readonly nextId: number;
  readonly comments: readonly RecordComment[];
}

/** An entry the persistence must rewrite (or delete when it no longer exists). */
export type DirtyEntry =
  | { readonly kind: 'app'; readonly app: number }
  | { readonly kind: 'record'; readonly app: number; readonly id: number }
  | { readonly kind: 'upload'; readonly key: string }
  | { readonly kind: 'file'; readonly key: string }
  | { readonly kind: 'comments'; readonly app: number; readonly record: number }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'counter'; readonly name: string }
  | { readonly kind: 'directory' };

export interface StatePersistence {
  /** Writes the current value of every dirty entry, in one transaction. */
  write(state: EmulatorState, dirty: Iterable<DirtyEntry>): void;
  /** Removes everything (reset). */
  clear(): void;
}

interface OpenTransaction {
  readonly undo: (() => void)[];
  readonly dirty: Map<string, DirtyEntry>;
}

export class EmulatorState {
  readonly apps = new Map<number, AppState>();
  private readonly recordStores = new Map<number, RecordStore>();
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  readonly organizations = new Map<string, DirectoryOrganization>();
  readonly spaces = new Map<string, Space>();
  readonly tokens = new Map<string, ApiToken>();
  readonly uploads = new Map<string, UploadedFile>();
  readonly files = new Map<string, StoredFile>();
  readonly comments = new Map<string, CommentThread>();
  readonly counters = new Map<string, number>();

  private open: OpenTransaction | undefined;
  private persistence: StatePersistence | undefined;

  attachPersistence(persistence: StatePersistence | undefined): void {
    this.persistence = persistence;
  }

  /** Runs `work` all-or-nothing; nested calls join the outer transaction. */
  transaction<T>(work: () => T): T {
    if (this.open !== undefined) return work();
    const transaction: OpenTransaction = { undo: [], dirty: new Map() };
    this.open = transaction;
    try {
      const result = work();
      this.persistence?.write(this, transaction.dirty.values());
      return result;
    } catch (error) {
      for (let index = transaction.undo.length - 1; index >= 0; index--)
        transaction.undo[index]?.();
      throw error;
    } finally {
      this.open = undefined;
    }
  }

  /** Empties the state (reset); not undoable. */
  clear(): void {
    this.apps.clear();
    this.recordStores.clear();
    this.users.clear();
    this.groups.clear();
    this.organizations.clear();
    this.spaces.clear();
    this.tokens.clear();
    this.uploads.clear();
    this.files.clear();
    this.comments.clear();
    this.counters.clear();
    this.persistence?.clear();
  }

  records(app: number): RecordStore {
    let store = this.recordStores.get(app);
    if (store === undefined) {
      store = new RecordStore();
      this.recordStores.set(app, store);
    }
    return store;
  }

  putApp(app: AppState): void {
    const previous = this.apps.get(app.id);
    this.apps.set(app.id, app);
    this.track({ kind: 'app', app: app.id }, () => {
      if (previous === undefined) this.apps.delete(app.id);
      else this.apps.set(app.id, previous);
    });
  }

  putRecord(app: number, id: number, record: KintoneRecord): void {
    const store = this.records(app);
    const previous = store.get(id);
    store.put(id, record);
    this.track({ kind: 'record', app, id }, () => {
      if (previous === undefined) store.delete(id);
      else store.put(id, previous);
    });
  }

  deleteRecord(app: number, id: number): void {
    const store = this.records(app);
    const previous = store.delete(id);
    if (previous === undefined) return;
    this.track({ kind: 'record', app, id }, () => store.put(id, previous));
    const commentKey = commentThreadKey(app, id);
    if (this.comments.has(commentKey)) this.putComments(app, id, undefined);
  }

  /** Returns the next value of a named sequence (starting at 1). */
  nextValue(name: string): number {
    const previous = this.counters.get(name);
    const value = (previous ?? 0) + 1;
    this.counters.set(name, value);
    this.track({ kind: 'counter', name }, () => {
      if (previous === undefined) this.counters.delete(name);
      else this.counters.set(name, previous);
    });
    return value;
  }

  putUpload(upload: UploadedFile): void {
    this.putInMap(this.uploads, upload.key, upload, { kind: 'upload', key: upload.key });
  }

  deleteUpload(key: string): void {
    this.putInMap(this.uploads, key, undefined, { kind: 'upload', key });
  }

  putFile(file: StoredFile): void {
    this.putInMap(this.files, file.key, file, { kind: 'file', key: file.key });
  }

  putComments(app: number, record: number, thread: CommentThread | undefined): void {
    this.putInMap(this.comments, commentThreadKey(app, record), thread, {
      kind: 'comments',
      app,
      record,
    });
  }

  commentThread(app: number, record: number): CommentThread | undefined {
    return this.comments.get(commentThreadKey(app, record));
  }

  putToken(token: ApiToken): void {
    this.putInMap(this.tokens, token.token, token, { kind: 'token', token: token.token });
  }

  deleteToken(token: string): void {
    this.putInMap(this.tokens, token, undefined, { kind: 'token', token });
  }

  putUser(user: DirectoryUser): void {
    this.putInMap(this.users, user.code, user, { kind: 'directory' });
  }

  putGroup(group: DirectoryGroup): void {
    this.putInMap(this.groups, group.code, group, { kind: 'directory' });
  }

  putOrganization(organization: DirectoryOrganization): void {
    this.putInMap(this.organizations, organization.code, organization, { kind: 'directory' });
  }

  putSpace(space: Space): void {
    this.putInMap(this.spaces, space.id, space, { kind: 'directory' });
  }

  private putInMap<K, V>(map: Map<K, V>, key: K, value: V | undefined, entry: DirtyEntry): void {
    const had = map.has(key);
    const previous = map.get(key);
    if (value === undefined) map.delete(key);
    else map.set(key, value);
    this.track(entry, () => {
      if (had) map.set(key, previous as V);
      else map.delete(key);
    });
  }

  private track(entry: DirtyEntry, undo: () => void): void {
    const transaction = this.open;
    if (transaction === undefined) {
      this.persistence?.write(this, [entry]);
      return;
    }
    transaction.undo.push(undo);
    if (this.persistence !== undefined) transaction.dirty.set(dirtyKey(entry), entry);
  }
}

export function commentThreadKey(app: number, record: number): string {
  return `${app}:${record}`;
}

function dirtyKey(entry: DirtyEntry): string {
  switch (entry.kind) {
    case 'app':
      return `app:${entry.app}`;
    case 'record':
      return `record:${entry.app}:${entry.id}`;
    case 'upload':
      return `upload:${entry.key}`;
    case 'file':
      return `file:${entry.key}`;
    case 'comments':
      return `comments:${entry.app}:${entry.record}`;
    case 'token':
      return `token:${entry.token}`;
    case 'counter':
      return `counter:${entry.name}`;
    case 'directory':
      return 'directory';
  }
}
