import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryConfigInput } from '../../server/src/directory/directoryConfig.js';
import type { ErrorBody, SessionView, UserView } from '../../server/src/protocol/index.js';
import { startServer, type TestServer } from '../support/server.js';
import { ADMIN_DN, ADMIN_PASSWORD as DIRECTORY_ADMIN_PASSWORD, BASE_DN, startSlapd, type Slapd } from '../support/slapd.js';

const directory = (url: string, over: Partial<DirectoryConfigInput> = {}): DirectoryConfigInput => ({
  urls: [url],
  bindDn: ADMIN_DN,
  bindPassword: DIRECTORY_ADMIN_PASSWORD,
  searchBase: `ou=people,${BASE_DN}`,
  userFilter: '(&(objectClass=inetOrgPerson)(uid={username}))',
  groups: { source: 'search', searchBase: `ou=groups,${BASE_DN}`, filter: '(&(objectClass=groupOfNames)(member={dn}))' },
  timeoutMs: 2000,
  mappings: [
    { group: `cn=city-counter-staff,ou=groups,${BASE_DN}`, role: 'staff', organisationId: 'city' },
    { group: `CN=County-Supervisors, OU=groups, ${BASE_DN.toUpperCase()}`, role: 'supervisor', organisationId: 'county' },
  ],
  ...over,
});

describe('sign-in against a real OpenLDAP directory', () => {
  let slapd: Slapd;
  let server: TestServer;

  beforeAll(async () => {
    slapd = await startSlapd();
    server = await startServer({ directory: directory(slapd.url) });
  });
  afterAll(async () => {
    await server?.dispose();
    await slapd?.dispose();
  });

  const signIn = (username: string, password: string) =>
    server.api<SessionView & ErrorBody>('POST', '/api/v1/session', { body: { username, password } });

  it('a mapped user signs in with the role and organisation of their group, and becomes a directory account', async () => {
    const r = await signIn('anna', 'anna-directory-pw');
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'anna', displayName: 'Anna Virtanen', role: 'staff', organisationId: 'city' });
    expect((await server.api('POST', '/api/v1/counters/1/open', { token: r.body.token })).status).toBe(200);
    const admin = await server.login('admin');
    const users = (await server.api<(UserView & { source: string })[]>('GET', '/api/v1/admin/users', { token: admin })).body;
    expect(users.find((u) => u.username === 'anna')?.source).toBe('directory');
    expect(users.find((u) => u.username === 'admin')?.source).toBe('local');
    // The local record holds no usable password: the directory decides every time.
    const stored = server.app.store.users.byUsername('anna');
    expect(stored?.passwordHash).not.toMatch(/^scrypt/);
  });

  it('the highest mapped group wins; the record is updated at each sign-in', async () => {
    const r = await signIn('bruno', 'bruno-directory-pw');
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'bruno', role: 'supervisor', organisationId: 'county', displayName: 'Bruno Supervisor' });
    const id = r.body.user.id;
    expect((await signIn('bruno', 'bruno-directory-pw')).body.user.id).toBe(id);
  });

  it('an unmapped user and a wrong password are refused with clear messages', async () => {
    const unmapped = await signIn('carl', 'carl-directory-pw');
    expect(unmapped.status).toBe(403);
    expect(unmapped.body.error.code).toBe('forbidden');
    expect(unmapped.body.error.message).toMatch(/not in a directory group/);
    expect(server.app.store.users.byUsername('carl')).toBeUndefined();
    const wrong = await signIn('anna', 'not-her-password');
    expect([wrong.status, wrong.body.error.code, wrong.body.error.message]).toEqual([401, 'unauthorized', 'The username or password is not right.']);
    const nobody = await signIn('nobody', 'whatever-password');
    expect(nobody.status).toBe(401);
    const injection = await signIn('*)(uid=*', 'anna-directory-pw');
    expect(injection.status).toBe(401);
  });

  it('a directory account cannot sign in with a local password, and a disabled one is refused', async () => {
    const admin = await server.login('admin');
    const anna = server.app.store.users.byUsername('anna');
    const local = await server.api<ErrorBody>('PATCH', `/api/v1/admin/users/${anna?.id}`, { token: admin, body: { password: 'a-local-password' } });
    expect([local.status, local.body.error.message]).toEqual([422, 'password: this account signs in through the directory; its password is kept there.']);
    expect((await signIn('anna', 'a-local-password')).status).toBe(401);
    const patched = await server.api('PATCH', `/api/v1/admin/users/${anna?.id}`, { token: admin, body: { disabled: true } });
    expect(patched.status).toBe(200);
    expect((await signIn('anna', 'anna-directory-pw')).status).toBe(401);
    await server.api('PATCH', `/api/v1/admin/users/${anna?.id}`, { token: admin, body: { disabled: false } });
    expect((await signIn('anna', 'anna-directory-pw')).status).toBe(201);
  });

  it('with the directory stopped: a clear message, no cached password, and the local admin still signs in', async () => {
    await slapd.stop();
    try {
      const r = await signIn('anna', 'anna-directory-pw');
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('directory_unavailable');
      expect(r.body.error.message).toMatch(/directory cannot be reached/);
      expect(r.body.error.message).toMatch(/Local accounts/);
      expect((await signIn('admin', 'admin-password-for-tests')).status).toBe(201);
      expect((await signIn('city-staff', 'demo-city-staff')).status).toBe(201);
    } finally {
      await slapd.start();
    }
    expect((await signIn('anna', 'anna-directory-pw')).status).toBe(201);
  });
});

describe('directory configuration', () => {
  it('a direct bind with a DN template works without a service account', async () => {
    const slapd = await startSlapd();
    const server = await startServer({
      directory: directory(slapd.url, { bindDn: undefined, bindPassword: undefined, userDnTemplate: `uid={username},ou=people,${BASE_DN}` }),
    });
    try {
      const r = await server.api<SessionView>('POST', '/api/v1/session', { body: { username: 'bruno', password: 'bruno-directory-pw' } });
      expect(r.status).toBe(201);
      expect(r.body.user.role).toBe('supervisor');
      expect((await server.api('POST', '/api/v1/session', { body: { username: 'bruno', password: 'wrong-password' } })).status).toBe(401);
    } finally {
      await server.dispose();
      await slapd.dispose();
    }
  });

  it('the second URL is used when the first cannot be reached', async () => {
    const slapd = await startSlapd();
    const server = await startServer({ directory: directory('ldap://127.0.0.1:1', { urls: ['ldap://127.0.0.1:1', slapd.url] }) });
    try {
      expect((await server.api('POST', '/api/v1/session', { body: { username: 'anna', password: 'anna-directory-pw' } })).status).toBe(201);
    } finally {
      await server.dispose();
      await slapd.dispose();
    }
  });

  it('StartTLS on ldap:// and LDAPS both work with the directory CA, and an untrusted certificate is refused', async () => {
    const slapd = await startSlapd({ tls: true });
    const signInWith = async (over: Partial<DirectoryConfigInput>): Promise<number> => {
      const server = await startServer({ directory: directory(slapd.url, over) });
      try {
        return (await server.api('POST', '/api/v1/session', { body: { username: 'anna', password: 'anna-directory-pw' } })).status;
      } finally {
        await server.dispose();
      }
    };
    try {
      expect(await signInWith({ startTls: true, tlsCaFile: slapd.caFile })).toBe(201);
      expect(await signInWith({ urls: [slapd.ldapsUrl ?? ''], tlsCaFile: slapd.caFile })).toBe(201);
      // Without the CA the certificate is not trusted: no password is sent, the directory counts as unavailable.
      expect(await signInWith({ startTls: true })).toBe(503);
    } finally {
      await slapd.dispose();
    }
  });
});
