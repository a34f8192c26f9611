// Invitations by e-mail through a real SMTP server (smtp-server on loopback).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectStatus,
  startAdminTestGateway,
  type AdminTestGateway,
} from '../../src/server/admin/test-support/admin-test-gateway.js';

interface Received {
  readonly to: string[];
  readonly text: string;
}

const received: Received[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          text: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('invitation e-mails', () => {
  let gateway: AdminTestGateway;

  afterAll(async () => {
    await gateway.close();
  });

  it('sends the invitation link to the invited address', async () => {
    gateway = await startAdminTestGateway({
      smtp: { url: `smtp://127.0.0.1:${port}`, from: 'Tsunagi <tsunagi@example.com>' },
    });
    const invited = expectStatus(
      await gateway.admin.session.post<{
        invitationUrl: string;
        invitationEmail: { sent: boolean };
      }>('/users', {
        email: 'new.user@example.com',
        role: 'queryUser',
      }),
      201,
    );
    expect(invited.body.invitationEmail).toEqual({ sent: true });
    const mail = received.find((message) => message.to.includes('new.user@example.com'));
    expect(mail).toBeDefined();
    const unfolded = (mail?.text ?? '').replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    expect(unfolded).toContain(invited.body.invitationUrl);
    expect(unfolded).toContain('Subject: Your invitation to Tsunagi');
  });

  it('still returns the link when the SMTP server cannot be reached', async () => {
    const unreachable = await startAdminTestGateway({
      smtp: { url: 'smtp://127.0.0.1:1', from: 'tsunagi@example.com' },
    });
    try {
      const invited = expectStatus(
        await unreachable.admin.session.post<{
          invitationUrl: string;
          invitationEmail: { sent: boolean; problem?: string };
        }>('/users', {
          email: 'other.user@example.com',
          role: 'queryUser',
        }),
        201,
      );
      expect(invited.body.invitationUrl).toContain('/invite/');
      expect(invited.body.invitationEmail.sent).toBe(false);
      expect(invited.body.invitationEmail.problem).toContain('send the link yourself');
    } finally {
      await unreachable.close();
    }
  });
});
