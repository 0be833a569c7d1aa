import nodemailer from 'nodemailer';
import { DeliveryError, type MailTransport } from './mail-worker';

interface SmtpFailure {
  code?: string;
  originalCode?: string;
  command?: string;
  responseCode?: number;
  permanent?: boolean;
}

/** Codes of a failure, without the server's reply text (it often quotes the recipient's address). */
function deliveryError(error: unknown): DeliveryError {
  const failure = (error ?? {}) as SmtpFailure;
  const codes = [failure.code, failure.originalCode !== failure.code ? failure.originalCode : undefined, failure.command, failure.responseCode];
  const summary = codes.filter((part) => part !== undefined && part !== '').join(' ') || 'отправка не удалась';
  return new DeliveryError(summary, failure.permanent === true);
}

/**
 * Letters to an SMTP server given as a URL (smtp://user:pass@host:587, smtps://host:465). A pool keeps a few
 * connections open, so a batch does not pay a handshake per letter; short timeouts let a server that does not
 * answer fail the attempt (and the worker retry later) instead of holding the batch for minutes.
 */
export function createSmtpTransport(url: string, from: string, options: { maxConnections?: number } = {}): MailTransport {
  const transporter = nodemailer.createTransport(
    { url, pool: true, maxConnections: options.maxConnections ?? 10, maxMessages: 1000, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from },
  );
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'orbita.local';
  return {
    async send(mail) {
      try {
        // The same Message-ID on every attempt: a mailbox that got a letter twice (a crash before it was marked) can fold the copies.
        await transporter.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: `<outbox-${mail.id}@${domain}>` });
      } catch (error) {
        throw deliveryError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
