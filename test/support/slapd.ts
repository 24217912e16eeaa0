import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SLAPD = '/usr/sbin/slapd';
const SLAPADD = '/usr/sbin/slapadd';
const SCHEMA = '/etc/ldap/schema';

export const BASE_DN = 'dc=vuoro,dc=test';
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const ADMIN_PASSWORD = 'directory-admin-secret';

/** Test users (uid → password) and groups of the directory. */
export const LDIF = `dn: ${BASE_DN}
objectClass: dcObject
objectClass: organization
dc: vuoro
o: Vuoro test directory

dn: ou=people,${BASE_DN}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${BASE_DN}
objectClass: organizationalUnit
ou: groups

dn: cn=Vuoro Service,ou=people,${BASE_DN}
objectClass: inetOrgPerson
cn: Vuoro Service
sn: Service
uid: vuoro-svc
userPassword: service-account-secret

dn: uid=anna,ou=people,${BASE_DN}
objectClass: inetOrgPerson
cn: Anna Virtanen
sn: Virtanen
displayName: Anna Virtanen
uid: anna
userPassword: anna-directory-pw

dn: uid=bruno,ou=people,${BASE_DN}
objectClass: inetOrgPerson
cn: Bruno Supervisor
sn: Supervisor
uid: bruno
userPassword: bruno-directory-pw

dn: uid=carl,ou=people,${BASE_DN}
objectClass: inetOrgPerson
cn: Carl Unmapped
sn: Unmapped
uid: carl
userPassword: carl-directory-pw

dn: cn=city-counter-staff,ou=groups,${BASE_DN}
objectClass: groupOfNames
cn: city-counter-staff
member: uid=anna,ou=people,${BASE_DN}
member: uid=bruno,ou=people,${BASE_DN}

dn: cn=county-supervisors,ou=groups,${BASE_DN}
objectClass: groupOfNames
cn: county-supervisors
member: uid=bruno,ou=people,${BASE_DN}

dn: cn=printing,ou=groups,${BASE_DN}
objectClass: groupOfNames
cn: printing
member: uid=carl,ou=people,${BASE_DN}
`;

export interface Slapd {
  url: string;
  port: number;
  /** With `tls`: the ldaps:// URL, and the PEM of the self-signed certificate (the CA to trust). */
  ldapsUrl?: string;
  caFile?: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ port, host: '127.0.0.1' });
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

/**
 * A real OpenLDAP server (Debian's slapd) on a free port, with a temporary config and database loaded from `LDIF`.
 * Fails saying what to install when slapd is missing.
 */
export async function startSlapd(opts: { tls?: boolean } = {}): Promise<Slapd> {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD) || !existsSync(path.join(SCHEMA, 'inetorgperson.schema'))) {
    throw new Error('OpenLDAP slapd is missing: install it with "apt-get install -y slapd" (.ci/run does).');
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'vuoro-slapd-'));
  const db = path.join(dir, 'db');
  mkdirSync(db);
  const conf = path.join(dir, 'slapd.conf');
  writeFileSync(
    conf,
    [
      `include ${SCHEMA}/core.schema`,
      `include ${SCHEMA}/cosine.schema`,
      `include ${SCHEMA}/inetorgperson.schema`,
      `include ${SCHEMA}/nis.schema`,
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'database mdb',
      'maxsize 10485760',
      `suffix "${BASE_DN}"`,
      `rootdn "${ADMIN_DN}"`,
      `rootpw ${ADMIN_PASSWORD}`,
      `directory ${db}`,
      'access to attrs=userPassword by anonymous auth by self write by * none',
      'access to * by * read',
      '',
    ].join('\n'),
  );
  let tlsLines: string[] = [];
  const caFile = path.join(dir, 'cert.pem');
  if (opts.tls) {
    // A self-signed certificate for 127.0.0.1, which the client then trusts as its CA.
    const cert = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    if (cert.error || cert.status !== 0) throw new Error(`openssl could not make a test certificate (apt-get install -y openssl): ${cert.error?.message ?? cert.stderr}`);
    tlsLines = [`TLSCertificateFile ${caFile}`, `TLSCertificateKeyFile ${path.join(dir, 'key.pem')}`];
    const conf0 = readFileSync(conf, 'utf8');
    writeFileSync(conf, conf0.replace('database mdb', `${tlsLines.join('\n')}\ndatabase mdb`));
  }
  const ldif = path.join(dir, 'seed.ldif');
  writeFileSync(ldif, LDIF);
  const add = spawnSync(SLAPADD, ['-f', conf, '-l', ldif], { encoding: 'utf8' });
  if (add.status !== 0) throw new Error(`slapadd failed: ${add.stderr}`);
  const port = await freePort();
  const tlsPort = opts.tls ? await freePort() : 0;
  const listen = opts.tls ? `ldap://127.0.0.1:${port}/ ldaps://127.0.0.1:${tlsPort}/` : `ldap://127.0.0.1:${port}/`;
  let proc: ChildProcess | undefined;
  const slapd: Slapd = {
    url: `ldap://127.0.0.1:${port}`,
    port,
    ...(opts.tls ? { ldapsUrl: `ldaps://127.0.0.1:${tlsPort}`, caFile } : {}),
    async start() {
      proc = spawn(SLAPD, ['-f', conf, '-h', listen, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const end = Date.now() + 15_000;
      while (!(await accepting(port))) {
        if (proc.exitCode !== null) throw new Error(`slapd exited: ${err}`);
        if (Date.now() > end) throw new Error(`slapd did not start: ${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const p = proc;
      proc = undefined;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
    },
    async dispose() {
      await slapd.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await slapd.start();
  return slapd;
}
