import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Language, LocalizedText, NotifyKind } from '../protocol/index.js';
import type { MessageParams } from '../store/index.js';

/** The repository root (the same from server/src and server/dist). */
const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const Catalog = z.record(z.string(), z.string());

/** The catalog key of each kind of message; "ahead" with nobody ahead reads "you are next". */
const BODY_KEY: Record<NotifyKind | 'next', string> = {
  ahead: 'notify.message.ahead',
  next: 'notify.message.next',
  called: 'notify.message.called',
  recalled: 'notify.message.recalled',
  skipped: 'notify.message.skipped',
  expired: 'notify.message.expired',
  reminder: 'notify.message.reminder',
};

export interface RenderedMessage {
  /** Email subject and push title. */
  title: string;
  /** The message itself: the SMS, the push body, the first line of the email. */
  text: string;
  /** The email's full text: the message, the status link and why the visitor receives it. */
  long: string;
}

export interface MessageContext {
  hall: LocalizedText;
  service: LocalizedText;
  /** The status page (a reminder: the booking's page), when the hall's address is known. */
  link: string | null;
  fallback: Language;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_m, name: string) => values[name] ?? '');
}

/**
 * What is sent to visitors comes from the status page's message catalogs (`kiosk-ui/src/i18n/<lang>.json`,
 * keys `notify.message.*`), in the language the visitor chose; the catalog test keeps all six complete.
 */
export class MessageTexts {
  private readonly catalogs = new Map<Language, Record<string, string>>();

  constructor(private readonly dir = path.join(REPO_ROOT, 'kiosk-ui', 'src', 'i18n')) {}

  private catalog(lang: Language): Record<string, string> {
    let c = this.catalogs.get(lang);
    if (!c) {
      c = Catalog.parse(JSON.parse(readFileSync(path.join(this.dir, `${lang}.json`), 'utf8')));
      this.catalogs.set(lang, c);
    }
    return c;
  }

  private text(lang: Language, key: string): string {
    const own = this.catalog(lang)[key];
    if (own !== undefined) return own;
    const en = this.catalog('en')[key];
    if (en === undefined) throw new Error(`The message catalog has no "${key}".`);
    return en;
  }

  render(lang: Language, kind: NotifyKind, params: MessageParams, ctx: MessageContext): RenderedMessage {
    const pick = (t: LocalizedText) => t[lang] ?? t[ctx.fallback] ?? Object.values(t)[0] ?? '';
    const values: Record<string, string> = {
      number: params.number,
      counter: params.counter ?? '',
      ahead: String(params.ahead ?? 0),
      hall: pick(ctx.hall),
      service: pick(ctx.service),
      link: ctx.link ?? '',
      grace: String(params.graceMinutes ?? ''),
      date: params.date ?? '',
      time: params.time ?? '',
    };
    const reminder = kind === 'reminder';
    const key = kind === 'ahead' && (params.ahead ?? 0) === 0 ? BODY_KEY.next : BODY_KEY[kind];
    const text = fill(this.text(lang, key), values);
    const title = fill(this.text(lang, reminder ? 'notify.message.reminderTitle' : 'notify.message.title'), values);
    const lines = [text, ''];
    if (ctx.link) lines.push(fill(this.text(lang, reminder ? 'notify.message.manage' : 'notify.message.follow'), values));
    lines.push(fill(this.text(lang, reminder ? 'notify.message.reminderWhy' : 'notify.message.why'), values));
    return { title, text, long: lines.join('\n') };
  }
}
