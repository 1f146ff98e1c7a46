/**
 * Certificates for the TLS tests, made with the real `openssl` in a test's temporary folder: a
 * test CA (`ca.crt`, `ca.key`) and keys with certificates signed by it.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CertificateMaker {
  /** Runs openssl in the folder; throws with its error output when it fails. */
  openssl(...args: string[]): void;
  /** `ca.crt` and `ca.key`: a self-signed test CA. */
  ca(): void;
  /** `NAME.key` and `NAME.crt` with the common name `cn` (and `san`, e.g. `DNS:localhost,IP:127.0.0.1`), signed by the test CA. */
  signed(name: string, cn: string, san?: string, days?: string): void;
}

export function certificateMaker(dir: string): CertificateMaker {
  const openssl = (...args: string[]): void => {
    const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
  };
  return {
    openssl,
    ca: () => openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=MQTT Lab test CA'),
    signed: (name, cn, san, days = '30') => {
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      const args = ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', days];
      if (san) {
        writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\n`);
        args.push('-extfile', `${name}.ext`);
      }
      openssl(...args);
    },
  };
}
