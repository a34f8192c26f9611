/**
 * The secret vault: the keys this node holds, the key the store says is current, and
 * encryption of connection secrets under it.
 *
 * Start-up (`open`): a new store records the given key (its id and a verifier: a
 * ciphertext of a fixed text). An existing store names its current key id; if this node
 * does not hold that key, or the verifier does not open, start-up fails with TSG504 and
 * the message names the key id the store expects.
 *
 * Rotation (`rotate`): in one transaction, every stored secret is decrypted and
 * encrypted again under the new key, the old key is retired and the new one recorded;
 * then other nodes hear a `secretKey` change and re-read the current key id (a node
 * without the new key then fails its decryptions with TSG504 until it is restarted with
 * it). See docs/control-plane.md for the procedure.
 */
import { TsunagiError } from '../errors/tsunagi-error.js';
import type { Store } from '../store/store.js';
import type { AuditRecorder } from './audit-recorder.js';
import { authorize, type Actor } from './authorization.js';
import type { Clock } from './clock.js';
import { decryptSecret, encryptSecret, type SecretKey } from './secret-box.js';

const verifierText = 'tsunagi secret key check';

function verifierData(keyId: string): string {
  return `secret-key:${keyId}`;
}

/** Additional authenticated data of a connection secret. */
export function connectionSecretData(connectionId: string, setting: string): string {
  return `connection:${connectionId}:${setting}`;
}

export interface RotationResult {
  readonly previousKeyId: string;
  readonly keyId: string;
  readonly secretsReEncrypted: number;
}

export class SecretVault {
  private readonly keys = new Map<string, SecretKey>();
  /** Set when another node rotated to a key this node does not hold. */
  private missingCurrentKeyId: string | undefined;

  private constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    keys: readonly SecretKey[],
    private current: SecretKey,
  ) {
    for (const key of keys) this.keys.set(key.id, key);
  }

  /** Checks the keys against the store (recording the first one in a new store). */
  static async open(
    store: Store,
    keys: readonly SecretKey[],
    clock: Clock,
    audit: AuditRecorder,
  ): Promise<SecretVault> {
    const [first] = keys;
    if (first === undefined) throw new TsunagiError('TSG505', 'No secret key was given.');
    const byId = new Map(keys.map((key) => [key.id, key]));
    const recorded = await store.transaction(async (scope) => {
      const existing = await scope.secretKeys.current();
      if (existing !== undefined) return existing;
      const record = {
        keyId: first.id,
        createdAt: clock.now(),
        retiredAt: null,
        verifier: encryptSecret(first, verifierText, verifierData(first.id)),
      };
      await scope.secretKeys.insert(record);
      return record;
    });
    const key = byId.get(recorded.keyId);
    const given = keys.map((k) => k.id).join(', ');
    if (key === undefined) {
      throw new TsunagiError(
        'TSG504',
        `The secret key given (key id ${given}) cannot decrypt this store, which expects key id ${recorded.keyId}. Start with the key whose id is ${recorded.keyId} (TSUNAGI_SECRET_KEY or the key file in the data directory).`,
      );
    }
    let opened: string;
    try {
      opened = decryptSecret(byId, recorded.verifier, verifierData(recorded.keyId));
    } catch (error) {
      throw new TsunagiError(
        'TSG504',
        `The secret key with id ${recorded.keyId} does not open this store's key check; the store expects a different key with that id.`,
        { cause: error },
      );
    }
    if (opened !== verifierText) {
      throw new TsunagiError('TSG504', `The key check of key id ${recorded.keyId} does not match.`);
    }
    return new SecretVault(store, clock, audit, keys, key);
  }

  /** The key id new secrets are written under (as the store records it). */
  get currentKeyId(): string {
    return this.missingCurrentKeyId ?? this.current.id;
  }

  encrypt(plaintext: string, associatedData: string): string {
    if (this.missingCurrentKeyId !== undefined) {
      throw new TsunagiError(
        'TSG504',
        `The store now expects secret key id ${this.missingCurrentKeyId}, which this node does not have. Restart it with the new key.`,
      );
    }
    return encryptSecret(this.current, plaintext, associatedData);
  }

  decrypt(ciphertext: string, associatedData: string): string {
    return decryptSecret(this.keys, ciphertext, associatedData);
  }

  /** Re-reads the store's current key (after another node rotated). */
  async refresh(): Promise<void> {
    const recorded = await this.store.secretKeys.current();
    if (recorded === undefined) return;
    const key = this.keys.get(recorded.keyId);
    if (key !== undefined) {
      this.current = key;
      this.missingCurrentKeyId = undefined;
    } else {
      // Not held here: old ciphertexts still open, but no secret is written under a key
      // the other nodes are leaving.
      this.missingCurrentKeyId = recorded.keyId;
    }
  }

  /** Re-encrypts every stored secret under `newKey` in one transaction. Administrators only. */
  async rotate(actor: Actor, newKey: SecretKey): Promise<RotationResult> {
    authorize(actor, 'secretKey.rotate');
    if (this.missingCurrentKeyId !== undefined) {
      throw new TsunagiError(
        'TSG504',
        `The store's current key is ${this.missingCurrentKeyId}, which this node does not have.`,
      );
    }
    const previous = this.current;
    if (newKey.id === previous.id) {
      throw new TsunagiError('TSG502', `Key ${newKey.id} is already the current key.`);
    }
    const keys = new Map(this.keys);
    keys.set(newKey.id, newKey);
    const count = await this.store.transaction(async (scope) => {
      const stored = await scope.secretKeys.current();
      if (stored?.keyId !== previous.id) {
        throw new TsunagiError(
          'TSG502',
          'Another node rotated the secret key meanwhile; restart this node with the current key.',
        );
      }
      if ((await scope.secretKeys.list()).some((key) => key.keyId === newKey.id)) {
        throw new TsunagiError('TSG502', `Key ${newKey.id} was used before; generate a new key.`);
      }
      let reEncrypted = 0;
      for (const connection of await scope.connections.listSecrets()) {
        const secrets: Record<string, string> = {};
        for (const [setting, ciphertext] of Object.entries(connection.secrets)) {
          const data = connectionSecretData(connection.id, setting);
          secrets[setting] = encryptSecret(newKey, decryptSecret(keys, ciphertext, data), data);
          reEncrypted += 1;
        }
        await scope.connections.replaceSecrets(connection.id, secrets);
      }
      const now = this.clock.now();
      await scope.secretKeys.retire(previous.id, now);
      await scope.secretKeys.insert({
        keyId: newKey.id,
        createdAt: now,
        retiredAt: null,
        verifier: encryptSecret(newKey, verifierText, verifierData(newKey.id)),
      });
      await this.audit.record(scope, actor, {
        action: 'secretKey.rotated',
        target: { kind: 'secretKey', id: newKey.id },
        details: { previousKeyId: previous.id, secretsReEncrypted: reEncrypted },
      });
      scope.publishChange({ kind: 'secretKey', id: newKey.id });
      return reEncrypted;
    });
    this.keys.set(newKey.id, newKey);
    this.current = newKey;
    return { previousKeyId: previous.id, keyId: newKey.id, secretsReEncrypted: count };
  }
}
