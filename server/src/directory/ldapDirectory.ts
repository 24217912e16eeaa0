import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, Filter, InvalidCredentialsError, ResultCodeError, type Entry } from 'ldapts';
import type { Role } from '../protocol/index.js';
import { bindPasswordOf, type DirectoryConfig } from './directoryConfig.js';

/** What the directory says about a sign-in. */
export type DirectoryAnswer =
  | { kind: 'ok'; dn: string; displayName: string; role: Role; organisationId: string | null }
  /** Unknown user or wrong password (never said apart, so names cannot be probed). */
  | { kind: 'invalid' }
  /** The password is right but the user is in no mapped group. */
  | { kind: 'unmapped' }
  /** No directory server could be reached or used; `reason` is for the log. */
  | { kind: 'unavailable'; reason: string };

/** Anything that checks a directory password: the LDAP client below, or another directory later. */
export interface Directory {
  authenticate(username: string, password: string): Promise<DirectoryAnswer>;
}

const RANK: Record<Role, number> = { staff: 1, supervisor: 2, admin: 3 };

/** RFC 4514: a username placed into a DN template. */
function escapeDnValue(v: string): string {
  return v.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`).replace(/^[ #]/, (c) => `\\${c}`).replace(/ $/, '\\ ');
}

/** DNs compare case-insensitively and without spaces around separators. */
export function normaliseDn(dn: string): string {
  return dn.toLowerCase().replace(/\s*([,=+])\s*/g, '$1').trim();
}

function first(v: Entry[string] | undefined): string | undefined {
  const x = Array.isArray(v) ? v[0] : v;
  return x === undefined ? undefined : Buffer.isBuffer(x) ? x.toString('utf8') : String(x);
}

function all(v: Entry[string] | undefined): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => (Buffer.isBuffer(x) ? x.toString('utf8') : String(x)));
}

/** A result code from the server means it answered; anything else (refused, timeout, TLS) means unreachable. */
function isServerAnswer(err: unknown): boolean {
  return err instanceof ResultCodeError;
}

/**
 * LDAP / Active Directory sign-in with ldapts: search-then-bind (or direct bind), StartTLS or LDAPS, group → role and
 * organisation mapping. Nothing is cached: when the directory cannot be reached, directory users cannot sign in.
 */
export class LdapDirectory implements Directory {
  private readonly mappings: { group: string; role: Role; organisationId: string | null }[];
  private readonly tls: ConnectionOptions;

  constructor(private readonly config: DirectoryConfig) {
    this.mappings = config.mappings.map((m) => ({ ...m, group: normaliseDn(m.group) }));
    this.tls = config.tlsCaFile ? { ca: readFileSync(config.tlsCaFile) } : {};
  }

  async authenticate(username: string, password: string): Promise<DirectoryAnswer> {
    // An empty password would be an unauthenticated bind, which LDAP servers accept: never a sign-in.
    if (password.length === 0 || username.length === 0) return { kind: 'invalid' };
    const failures: string[] = [];
    for (const url of this.config.urls) {
      let client: Client | undefined;
      try {
        client = await this.connect(url);
      } catch (err) {
        failures.push(`${url}: ${(err as Error).message}`);
        continue;
      }
      try {
        return await this.signIn(client, username, password);
      } catch (err) {
        if (isServerAnswer(err)) return { kind: 'unavailable', reason: `${url} refused the lookup: ${(err as Error).message}` };
        failures.push(`${url}: ${(err as Error).message}`);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
    return { kind: 'unavailable', reason: failures.join('; ') };
  }

  private async connect(url: string): Promise<Client> {
    // ldapts opens TLS at once whenever tlsOptions are given, even for ldap://: give them only for ldaps://, and to
    // startTLS for an ldap:// connection that is to be upgraded.
    const client = new Client({
      url,
      timeout: this.config.timeoutMs,
      connectTimeout: this.config.timeoutMs,
      ...(url.startsWith('ldaps://') ? { tlsOptions: { ...this.tls } } : {}),
      strictDN: false,
    });
    if (this.config.startTls && url.startsWith('ldap://')) await client.startTLS({ ...this.tls, host: new URL(url).hostname });
    return client;
  }

  private async signIn(client: Client, username: string, password: string): Promise<DirectoryAnswer> {
    const c = this.config;
    const filter = c.userFilter.replaceAll('{username}', Filter.escape(username));
    const attributes = [c.displayNameAttribute, 'cn', 'memberOf'];
    let entry: Entry | undefined;
    if (c.bindDn !== undefined) {
      await client.bind(c.bindDn, bindPasswordOf(c) ?? '');
      const found = await client.search(c.searchBase, { scope: 'sub', filter, attributes, sizeLimit: 2 });
      if (found.searchEntries.length !== 1) return { kind: 'invalid' };
      entry = found.searchEntries[0];
      if (!entry) return { kind: 'invalid' };
      // Groups are read with the service account, before binding as the user.
      const groups = await this.groupsOf(client, entry);
      if (!(await this.bindAs(client, entry.dn, password))) return { kind: 'invalid' };
      return this.answer(entry, groups);
    }
    const template = c.userDnTemplate ?? '';
    if (!(await this.bindAs(client, template.replaceAll('{username}', escapeDnValue(username)), password))) return { kind: 'invalid' };
    const found = await client.search(c.searchBase, { scope: 'sub', filter, attributes, sizeLimit: 2 });
    entry = found.searchEntries.length === 1 ? found.searchEntries[0] : undefined;
    if (!entry) return { kind: 'invalid' };
    return this.answer(entry, await this.groupsOf(client, entry));
  }

  private async bindAs(client: Client, dn: string, password: string): Promise<boolean> {
    try {
      await client.bind(dn, password);
      return true;
    } catch (err) {
      if (err instanceof InvalidCredentialsError) return false;
      throw err;
    }
  }

  private async groupsOf(client: Client, entry: Entry): Promise<string[]> {
    const g = this.config.groups;
    if (g.source === 'memberOf') return all(entry.memberOf);
    const filter = g.filter.replaceAll('{dn}', Filter.escape(entry.dn));
    const found = await client.search(g.searchBase ?? this.config.searchBase, { scope: 'sub', filter, attributes: ['dn'], sizeLimit: 1000 });
    return found.searchEntries.map((e) => e.dn);
  }

  private answer(entry: Entry, groups: string[]): DirectoryAnswer {
    const mine = new Set(groups.map(normaliseDn));
    const best = this.mappings.filter((m) => mine.has(m.group)).sort((a, b) => RANK[b.role] - RANK[a.role])[0];
    if (!best) return { kind: 'unmapped' };
    const displayName = first(entry[this.config.displayNameAttribute]) ?? first(entry.cn) ?? entry.dn;
    return { kind: 'ok', dn: entry.dn, displayName: displayName.slice(0, 80), role: best.role, organisationId: best.organisationId };
  }
}
