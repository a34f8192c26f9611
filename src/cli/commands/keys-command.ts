/**
 * `tsunagi keys rotate`: generates a new master key, re-encrypts every stored secret under
 * it in one transaction, then writes it to the key file (a new 0600 file renamed over the
 * old one) — or, when the key came from TSUNAGI_SECRET_KEY, prints the new key to put
 * there. The new key is first saved next to the key file (secret.key.next), so that a
 * crash between the rotation and the rename loses nothing.
 */
import { rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { encodeSecretKey, generateSecretKey } from '../../control-plane/secret-box.js';
import { writeSecretKeyFile } from '../../control-plane/secret-key-source.js';
import {
  withControlPlane,
  withStoreOptions,
  type StoreOptions,
} from '../support/cli-control-plane.js';
import { note } from '../support/output.js';

export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Manage the master key that encrypts stored credentials.');
  withStoreOptions(
    keys
      .command('rotate')
      .description('Generate a new master key and re-encrypt every stored credential with it.'),
  )
    .addHelpText(
      'after',
      `
With a key file (secret.key in the data directory) the file is replaced. With
TSUNAGI_SECRET_KEY, the new key is printed: set it on every node and restart them (until
then, nodes with the old key refuse to store new secrets). Stop other gateways that use
a key file first.

Examples:
  tsunagi keys rotate --data-dir /var/lib/tsunagi
  TSUNAGI_SECRET_KEY=... tsunagi keys rotate --store postgres://tsunagi@db/tsunagi`,
    )
    .action(async (options: StoreOptions) => {
      await withControlPlane(options, async ({ controlPlane, started, actor }) => {
        const newKey = generateSecretKey();
        const file = started.secretKey.source === 'file' ? started.secretKey.file : undefined;
        const pending = file === undefined ? undefined : `${file}.next`;
        if (pending !== undefined) {
          writeFileSync(pending, `${encodeSecretKey(newKey)}\n`, { mode: 0o600, flag: 'w' });
        }
        const result = await controlPlane.secrets.rotate(actor, newKey).catch((error: unknown) => {
          if (pending !== undefined) rmSync(pending, { force: true });
          throw error;
        });
        console.log(
          `Rotated the master key: ${result.previousKeyId} → ${result.keyId} (${result.secretsReEncrypted} secrets re-encrypted).`,
        );
        if (file !== undefined && pending !== undefined) {
          writeSecretKeyFile(file, newKey);
          rmSync(pending, { force: true });
          note(`Wrote the new key to ${file}.`);
        } else {
          note('Set TSUNAGI_SECRET_KEY to this new key on every node and restart them:');
          console.log(encodeSecretKey(newKey));
        }
      });
    });
}
