// Checks a file chosen for "Upload Certificate" before anything is sent (no `vscode` import, so
// test/unit/certificateFile.test.ts runs it in plain Node; its messages are translated with
// @vscode/l10n, as src/model's are). Only the certificate block is sent:
// a file that also holds a private key is refused, so a key picked by mistake never leaves the machine.
import * as l10n from '@vscode/l10n';

/** A PEM certificate is a few KB; anything much larger is not one. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

export type PemCheck = { ok: true; pem: string } | { ok: false; problem: string };

const BLOCK = /-----BEGIN CERTIFICATE-----\r?\n([\s\S]*?)-----END CERTIFICATE-----/g;

export function readPemCertificate(bytes: Uint8Array): PemCheck {
  if (bytes.byteLength === 0) return { ok: false, problem: l10n.t('The file is empty.') };
  if (bytes.byteLength > MAX_CERTIFICATE_BYTES) {
    return { ok: false, problem: l10n.t('The file is {0} KB; a PEM certificate is at most {1} KB.', Math.ceil(bytes.byteLength / 1024), MAX_CERTIFICATE_BYTES / 1024) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: l10n.t('The file is not text: choose a PEM file (DER/binary certificates must be converted to PEM first).') };
  }
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    return { ok: false, problem: l10n.t('The file contains a private key. Upload only the certificate: nothing was sent.') };
  }
  const blocks = [...text.matchAll(BLOCK)];
  if (!blocks.length) return { ok: false, problem: l10n.t('The file holds no PEM certificate (a “-----BEGIN CERTIFICATE-----” block).') };
  if (blocks.length > 1) return { ok: false, problem: l10n.t('The file holds {0} certificates; upload one certificate at a time.', blocks.length) };
  const body = blocks[0]![1]!.replace(/\s+/g, '');
  if (!body || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || body.length % 4 !== 0) {
    return { ok: false, problem: l10n.t('The certificate block is not valid base64.') };
  }
  // DER certificates are an ASN.1 SEQUENCE: the first byte is 0x30.
  if (Buffer.from(body.slice(0, 4), 'base64')[0] !== 0x30) {
    return { ok: false, problem: l10n.t('The certificate block does not hold a DER-encoded X.509 certificate.') };
  }
  const lines = body.match(/.{1,64}/g)!;
  return { ok: true, pem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n` };
}

/** The file's name without folders and extension: the name offered for the certificate. */
export function certificateNameFrom(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  return base.replace(/\.(pem|crt|cer|cert)$/i, '');
}
