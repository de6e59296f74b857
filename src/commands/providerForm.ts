import * as vscode from 'vscode';
import { checkField, type ProviderForm } from '../model/externalForms';
import { pickOne } from './pickers';
import { ask } from '../ui/run';

/**
 * The guided input for a cloud provider's fields: pick the provider, then one input box per field the
 * API requires for it (src/model/externalForms.ts), each checked as it is typed. Undefined when cancelled.
 */
export async function askProviderForm(title: string, forms: ProviderForm[], placeholder: string): Promise<{ form: ProviderForm; values: Record<string, string> } | undefined> {
  const form = await pickOne(title, forms.map((f) => ({ label: f.label, detail: f.detail, value: f })), { placeholder });
  if (!form) return undefined;
  const values: Record<string, string> = {};
  for (const [i, field] of form.fields.entries()) {
    const text = await ask(vscode.l10n.t('{0}: {1} ({2}/{3})', title, form.label, i + 1, form.fields.length), field.prompt, {
      placeHolder: field.placeholder, validateInput: (v) => checkField(field, v),
    });
    if (text === undefined) return undefined;
    values[field.key] = text;
  }
  return { form, values };
}
