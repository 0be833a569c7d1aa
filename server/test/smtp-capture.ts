import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One letter as the in-process SMTP server received it. */
export interface CapturedMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  from: string | null;
  subject: string;
  text: string;
  html: string;
  messageId: string | null;
  /** Every http(s) link in the plain-text part, in order. */
  links: string[];
  raw: string;
}

export interface SmtpCapture {
  port: number;
  /** smtp://127.0.0.1:<port>, for ORBITA_SMTP_URL or createSmtpTransport. */
  url: string;
  /** Letters in the order they were accepted; a letter is here before the client hears 250. */
  messages: CapturedMail[];
  /** Waits until at least `count` letters have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<CapturedMail[]>;
  /** Stops listening and drops open connections at once (421), as a mail server that goes down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  restart(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Refuse these recipients with 550, a permanent failure. */
  rejectRecipient?: (address: string) => boolean;
  /** Called after each letter is stored (the client already has or is about to get 250). */
  onMessage?: (mail: CapturedMail, index: number) => void;
  /** Keep raw data only (no MIME parsing): for the benchmark's tens of thousands of letters. */
  parse?: boolean;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  [value ?? []].flat().flatMap((group) => group.value.map((a) => a.address ?? ''));

/** A real SMTP server in this process on a local port, keeping what it receives for tests and the benchmark. */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const waiters = new Set<() => void>();
  let port = options.port ?? 0;

  const createServer = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1,
      onRcptTo(address, _session, callback) {
        if (options.rejectRecipient?.(address.address)) return callback(Object.assign(new Error('Нет такого адресата'), { responseCode: 550 }));
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          let mail: CapturedMail = { to, from: null, subject: '', text: '', html: '', messageId: null, links: [], raw };
          if (options.parse !== false) {
            const parsed = await simpleParser(raw);
            const text = parsed.text ?? '';
            mail = {
              ...mail,
              from: addresses(parsed.from)[0] ?? null,
              subject: parsed.subject ?? '',
              text,
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? null,
              links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
            };
            if (to.length === 0) mail.to = addresses(parsed.to);
          }
          messages.push(mail);
          options.onMessage?.(mail, messages.length - 1);
          for (const waiter of waiters) waiter();
          callback();
        });
      },
    });

  let server = createServer();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.server.address() as { port: number }).port;
        resolve();
      });
    });
  await listen();

  const capture: SmtpCapture = {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    messages,
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP capture: ${messages.length} of ${count} letters after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async restart() {
      server = createServer();
      await listen();
    },
  };
  return capture;
}
