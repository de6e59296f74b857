// What "Upload Certificate" accepts from a chosen file before anything is sent
// (src/commands/certificateFile.ts): one PEM certificate, never a private key, bounded size.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateNameFrom, MAX_CERTIFICATE_BYTES, readPemCertificate } from '../../../src/commands/certificateFile';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'api', 'fixtures', name));
const CERT = fixture('localhost-cert.pem');
const KEY = fixture('localhost-key.pem');
const bytes = (text: string) => new TextEncoder().encode(text);
const problem = (input: Uint8Array) => {
  const r = readPemCertificate(input);
  assert.equal(r.ok, false, 'expected a refusal');
  return (r as { problem: string }).problem;
};

describe('certificate file check (Upload Certificate)', () => {
  it('accepts a PEM certificate and sends just its block, still the same certificate', () => {
    const withNoise = bytes(`Subject: localhost\r\n${CERT.toString('utf8').replace(/\n/g, '\r\n')}\r\ntrailing notes\r\n`);
    const r = readPemCertificate(withNoise);
    assert.ok(r.ok);
    assert.match(r.pem, /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----\n$/);
    assert.equal(new X509Certificate(r.pem).fingerprint256, new X509Certificate(CERT).fingerprint256);
  });

  it('refuses a private key, alone or next to the certificate, saying nothing was sent', () => {
    assert.match(problem(KEY), /private key.*nothing was sent/);
    assert.match(problem(Buffer.concat([CERT, KEY])), /private key/);
    assert.match(problem(bytes('-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n')), /private key/);
  });

  it('refuses empty, oversized, binary and non-certificate files with a reason', () => {
    assert.match(problem(new Uint8Array()), /empty/);
    assert.match(problem(new Uint8Array(MAX_CERTIFICATE_BYTES + 1).fill(0x41)), /at most 64 KB/);
    assert.match(problem(Uint8Array.from([0x30, 0x82, 0xff, 0xfe, 0x00])), /not text/);
    assert.match(problem(bytes('hello')), /no PEM certificate/);
  });

  it('refuses two certificates, broken base64 and a block that is not DER', () => {
    assert.match(problem(Buffer.concat([CERT, CERT])), /2 certificates/);
    assert.match(problem(bytes('-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----\n')), /not valid base64/);
    assert.match(problem(bytes(`-----BEGIN CERTIFICATE-----\n${Buffer.from('plain text, not DER').toString('base64')}\n-----END CERTIFICATE-----\n`)), /DER/);
  });

  it('offers the file name without folders and extension as the certificate name', () => {
    assert.equal(certificateNameFrom('/home/a/certs/client-mtls.pem'), 'client-mtls');
    assert.equal(certificateNameFrom('C:\\certs\\Edge.CRT'), 'Edge');
    assert.equal(certificateNameFrom('/x/bundle.txt'), 'bundle.txt');
  });
});
