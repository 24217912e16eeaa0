import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  reference: string | undefined;
}

/** A real SMTP server on a free port that keeps every message it is given (parsed). */
export async function startSmtp(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const ref = parsed.headers.get('x-vuoro-reference');
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            reference: typeof ref === 'string' ? ref : undefined,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SmsRequest {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; from?: string; reference: string; language: string };
  answered: number;
}

/** A local SMS gateway: `behave(n)` is the HTTP status of the n-th request (0-based). */
export async function startSmsGateway(behave: (n: number) => number): Promise<{ url: string; requests: SmsRequest[]; close(): Promise<void> }> {
  const requests: SmsRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const status = behave(requests.length);
      requests.push({ headers: req.headers, body: JSON.parse(raw) as SmsRequest['body'], answered: status });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status < 300 ? '{"id":"accepted"}' : '{"error":"busy"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
