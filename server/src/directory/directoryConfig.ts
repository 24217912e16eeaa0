import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role } from '../protocol/index.js';

/**
 * Sign-in against the city's directory (LDAP / Active Directory). A JSON file named by VUORO_DIRECTORY; absent:
 * only local accounts. Every value is checked at start; a wrong file stops the start naming the field.
 */
export const DirectoryConfig = z
  .strictObject({
    /** Tried in order until one answers: `ldap://dc1.city.local:389`, `ldaps://dc2.city.local:636`. */
    urls: z.array(z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, 'an ldap:// or ldaps:// URL with a host (and port)')).min(1).max(10),
    /** Upgrade ldap:// connections with StartTLS before any password is sent. */
    startTls: z.boolean().default(false),
    /** PEM file of the CA that signed the directory's certificate (else the system's CAs). */
    tlsCaFile: z.string().min(1).optional(),
    /** Connect and operation timeout. */
    timeoutMs: z.number().int().min(200).max(60_000).default(5_000),
    /**
     * Search-then-bind: a service account (bindDn + bindPassword or bindPasswordFile) finds the user's DN with
     * `userFilter` under `searchBase`, then Vuoro binds as that DN with the password given. Without a bindDn, the
     * search runs as the user after a direct bind with `userDnTemplate`.
     */
    bindDn: z.string().min(1).optional(),
    bindPassword: z.string().min(1).optional(),
    bindPasswordFile: z.string().min(1).optional(),
    /** Direct bind: `uid={username},ou=people,dc=city,dc=local` (OpenLDAP) or `{username}@city.local` (AD UPN). */
    userDnTemplate: z.string().includes('{username}').optional(),
    searchBase: z.string().min(1),
    /** `{username}` is replaced (escaped per RFC 4515). AD: `(&(objectClass=user)(sAMAccountName={username}))`. */
    userFilter: z.string().includes('{username}').default('(uid={username})'),
    displayNameAttribute: z.string().min(1).default('displayName'),
    /**
     * Group membership: `memberOf` reads the user's memberOf attribute (AD, OpenLDAP with the memberof overlay);
     * `search` finds groups under `groupSearchBase` with `groupFilter` (`{dn}` is the user's DN).
     */
    groups: z
      .strictObject({
        source: z.enum(['memberOf', 'search']).default('search'),
        searchBase: z.string().min(1).optional(),
        filter: z.string().includes('{dn}').default('(member={dn})'),
      })
      .default({ source: 'search', filter: '(member={dn})' }),
    /** Directory group DN → Vuoro role and organisation. A user in none of these groups cannot sign in. */
    mappings: z
      .array(z.strictObject({ group: z.string().min(1), role: Role, organisationId: z.string().min(1).max(40).nullable().default(null) }))
      .min(1),
  })
  .refine((c) => c.bindDn !== undefined || c.userDnTemplate !== undefined, {
    message: 'give either bindDn (search-then-bind) or userDnTemplate (direct bind)',
  })
  .refine((c) => c.bindDn === undefined || c.bindPassword !== undefined || c.bindPasswordFile !== undefined, {
    path: ['bindPassword'],
    message: 'bindDn needs bindPassword or bindPasswordFile',
  });
export type DirectoryConfig = z.infer<typeof DirectoryConfig>;
export type DirectoryConfigInput = z.input<typeof DirectoryConfig>;

/** Reads the password file, so the secret need not sit in the JSON. */
export function bindPasswordOf(c: DirectoryConfig): string | undefined {
  if (c.bindPassword !== undefined) return c.bindPassword;
  return c.bindPasswordFile === undefined ? undefined : readFileSync(c.bindPasswordFile, 'utf8').trim();
}
