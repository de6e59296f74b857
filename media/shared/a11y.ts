// Accessible names for controls. A <label for> names a native input, but a @vscode-elements control
// keeps its focusable part (the combobox face, the inner <input>) in its shadow root, where neither
// the label nor an aria-label on the host reaches: the element copies its `label` property there
// (a property only, no attribute, on vscode-textfield).
// axe-core's `label` and `aria-input-field-name` rules (test/e2e/accessibility.e2e.mjs) check it.

/** The elements whose `label` is only an accessible name (a checkbox's `label` is its visible text). */
const NAMED_BY_LABEL = new Set(['VSCODE-TEXTFIELD', 'VSCODE-TEXTAREA', 'VSCODE-SINGLE-SELECT', 'VSCODE-MULTI-SELECT']);

/** Names `control` for assistive technology, on the host and, for vscode-elements, inside it. */
export function nameControl(control: HTMLElement, name: string): void {
  control.setAttribute('aria-label', name);
  if (NAMED_BY_LABEL.has(control.tagName)) (control as HTMLElement & { label: string }).label = name;
}

/**
 * Disables (or enables) a vscode-elements checkbox and says so on the host: its inner <input> is not
 * disabled itself, so without aria-disabled assistive technology reads it as usable and axe-core holds
 * its dimmed label to the contrast of active text (inactive controls are exempt).
 */
export function setDisabled(control: HTMLElement & { disabled: boolean }, disabled: boolean): void {
  control.disabled = disabled;
  if (disabled) control.setAttribute('aria-disabled', 'true');
  else control.removeAttribute('aria-disabled');
}
