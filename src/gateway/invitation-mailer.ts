/**
 * Sends invitation links by e-mail when SMTP is configured (`--smtp-url`, `--smtp-from`).
 * No mail server is assumed: without it the administrator copies the link from the
 * console. A failure to send never loses the invitation: the link is still returned, with
 * the reason the e-mail could not be sent. The SMTP password stays in the URL given at
 * start-up and never reaches a log or a response.
 */
import { createTransport, type Transporter } from 'nodemailer';

export interface InvitationMail {
  readonly to: string;
  readonly link: string;
  readonly invitedBy: string;
  readonly expiresAt: string;
}

export interface InvitationMailer {
  send(mail: InvitationMail): Promise<void>;
  close(): void;
}

export interface SmtpSettings {
  /** smtp://user:password@host:587 or smtps://user:password@host:465 */
  readonly url: string;
  /** The sender, e.g. "Tsunagi <tsunagi@example.com>". */
  readonly from: string;
}

export function smtpInvitationMailer(settings: SmtpSettings): InvitationMailer {
  const transport: Transporter = createTransport(settings.url);
  return {
    async send(mail) {
      await transport.sendMail({
        from: settings.from,
        to: mail.to,
        subject: 'Your invitation to Tsunagi',
        text: [
          `${mail.invitedBy} invited you to Tsunagi, the gateway that publishes your data as OData feeds.`,
          '',
          `Choose your password here (the link works once, until ${mail.expiresAt}):`,
          mail.link,
          '',
          'If you did not expect this invitation, ignore this message.',
        ].join('\n'),
      });
    },
    close() {
      transport.close();
    },
  };
}
