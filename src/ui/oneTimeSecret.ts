import * as vscode from 'vscode';
import { askModal } from '../notify';

/**
 * Shows a one-time secret (a new service-account key, a new admin key) once, in a modal, with a
 * button that copies it. The secret is passed in and never returned, stored, logged or sent
 * anywhere but the dialog and the clipboard. `message` is our own sentence (API names already
 * quoted with q()); `lost` says what to do if the admin loses the secret.
 */
export async function showSecretOnce(message: string, secret: string, lost: string, copied: string): Promise<void> {
  const copy = vscode.l10n.t('Copy Key');
  const choice = await askModal('info', message,
    vscode.l10n.t('{0}\n\nThis is the only time this key is shown. It is not stored anywhere by this extension; {1}', secret, lost), copy);
  if (choice === copy) {
    await vscode.env.clipboard.writeText(secret);
    void vscode.window.setStatusBarMessage(`$(clippy) ${copied}`, 5000);
  }
}
