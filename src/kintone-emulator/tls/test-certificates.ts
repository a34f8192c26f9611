/**
 * Test certificates for client-certificate authentication (facts sheet §2): a CA, a server
 * certificate for `localhost` (with 127.0.0.1 and ::1) and a client certificate as PEM and
 * as a password-protected PFX — what Kintone's `.s.` domains and the official client's
 * `clientCertAuth` use. Keys come from Node's crypto; certificates and the PFX are built
 * with node-forge.
 */
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface CertificatePair {
  /** PEM certificate. */
  readonly certificate: string;
  /** PEM private key (PKCS#8, unencrypted). */
  readonly privateKey: string;
}

export interface TestCertificates {
  readonly ca: CertificatePair;
  readonly server: CertificatePair;
  readonly client: CertificatePair & {
    /** PKCS#12 bundle of the client key and certificate (and the CA), protected by `password`. */
    readonly pfx: Buffer;
    readonly password: string;
  };
}

export interface TestCertificateOptions {
  /** Host names the server certificate is valid for (default: localhost). */
  readonly serverHostNames?: readonly string[];
  /** Common name of the client certificate (default: kintone-emulator-client). */
  readonly clientCommonName?: string;
  /** Password of the client PFX (default: a random one). */
  readonly pfxPassword?: string;
  /** Validity in days (default 365). */
  readonly validDays?: number;
}

async function rsaKeyPair(): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function newCertificate(
  publicKeyPem: string,
  commonName: string,
  validDays: number,
): forge.pki.Certificate {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  certificate.serialNumber = serialNumber();
  const now = new Date();
  certificate.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(now.getTime() + validDays * 24 * 60 * 60 * 1000);
  certificate.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Kintone emulator (test)' },
  ]);
  return certificate;
}

export async function createTestCertificates(
  options: TestCertificateOptions = {},
): Promise<TestCertificates> {
  const validDays = options.validDays ?? 365;
  const hostNames = options.serverHostNames ?? ['localhost'];
  const password = options.pfxPassword ?? randomBytes(12).toString('hex');
  const [caKeys, serverKeys, clientKeys] = await Promise.all([
    rsaKeyPair(),
    rsaKeyPair(),
    rsaKeyPair(),
  ]);
  const caKey = forge.pki.privateKeyFromPem(caKeys.privateKeyPem);

  const ca = newCertificate(caKeys.publicKeyPem, 'Kintone emulator test CA', validDays);
  ca.setIssuer(ca.subject.attributes);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKey, forge.md.sha256.create());

  const server = newCertificate(serverKeys.publicKeyPem, hostNames[0] ?? 'localhost', validDays);
  server.setIssuer(ca.subject.attributes);
  server.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        ...hostNames.map((value) => ({ type: 2, value })),
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
  ]);
  server.sign(caKey, forge.md.sha256.create());

  const client = newCertificate(
    clientKeys.publicKeyPem,
    options.clientCommonName ?? 'kintone-emulator-client',
    validDays,
  );
  client.setIssuer(ca.subject.attributes);
  client.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  client.sign(caKey, forge.md.sha256.create());

  const pkcs12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(clientKeys.privateKeyPem),
    [client, ca],
    password,
    { algorithm: 'aes256', friendlyName: 'kintone-emulator-client' },
  );
  const pfx = Buffer.from(forge.asn1.toDer(pkcs12).getBytes(), 'binary');

  return {
    ca: { certificate: forge.pki.certificateToPem(ca), privateKey: caKeys.privateKeyPem },
    server: {
      certificate: forge.pki.certificateToPem(server),
      privateKey: serverKeys.privateKeyPem,
    },
    client: {
      certificate: forge.pki.certificateToPem(client),
      privateKey: clientKeys.privateKeyPem,
      pfx,
      password,
    },
  };
}
