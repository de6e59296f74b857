// @ts-check
// Accessibility checks inside the extension's webviews: axe-core run in the panel's own document, and
// the focus a keyboard user sees.
//
// How axe gets into the page without touching the product's CSP: a webview allows scripts only with
// the load's nonce (`script-src 'nonce-…'`, src/webviews/panel.ts), so `frame.addScriptTag()` (a
// <script> element, inline or by URL) is refused and reported as a CSP violation. `frame.evaluate`
// of axe.min.js's source text is not a script element: Playwright hands it to the DevTools protocol
// (Runtime.evaluate), which the page's CSP does not govern, and axe itself needs no eval. So the CSP
// stays as shipped and the panels' own `securitypolicyviolation` listeners see nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ARTIFACTS } from '../../scripts/vscode/index.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Impacts that fail a spec; minor and moderate ones are kept in the report only. */
export const FAILING_IMPACTS = ['serious', 'critical'];

/**
 * The panel's document: VS Code nests it as `#active-frame` inside the webview's `iframe.webview.ready`.
 * @param {import('playwright-core').Page} page
 */
export async function webviewFrame(page) {
  const handle = await page.frameLocator('iframe.webview.ready').locator('#active-frame').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no webview content frame');
  return frame;
}

/**
 * Runs axe-core on the whole panel document and writes artifacts/a11y/<name>.json.
 * Returns the failures, one line each: a serious or critical violation (rule, impact, target, help
 * and what to fix) per element, and anything the page's CSP refused meanwhile.
 * @param {import('playwright-core').Frame} frame
 * @param {string} name
 */
export async function runAxe(frame, name) {
  // Anything the page's CSP refuses from here on is recorded (and fails the check: axe must get in
  // without one).
  await frame.evaluate(() => {
    const w = /** @type {any} */ (window);
    if (w.__a11yCsp) return;
    w.__a11yCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__a11yCsp.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  if (!(await frame.evaluate('typeof window.axe === "object"'))) await frame.evaluate(AXE_SOURCE);
  /** @type {any} */
  const results = await frame.evaluate(() => {
    const axe = /** @type {any} */ (window).axe;
    return axe.run(document, { resultTypes: ['violations', 'incomplete'] });
  });
  const violations = results.violations.map((/** @type {any} */ v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((/** @type {any} */ n) => ({ target: n.target, impact: n.impact, summary: n.failureSummary, html: n.html.slice(0, 300) })),
  }));
  // What axe could not decide (mostly contrast over layered backgrounds): counted, a few targets named.
  const incomplete = results.incomplete.map((/** @type {any} */ v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map((/** @type {any} */ n) => ({ target: n.target, summary: n.failureSummary })),
  }));
  const file = join(ARTIFACTS, 'a11y', `${name}.json`);
  mkdirSync(join(ARTIFACTS, 'a11y'), { recursive: true });
  const csp = /** @type {string[]} */ (await frame.evaluate(() => /** @type {any} */ (window).__a11yCsp));
  writeFileSync(file, `${JSON.stringify({ name, url: results.url, axe: results.testEngine?.version, timestamp: results.timestamp, cspViolations: csp, violations, incomplete }, null, 2)}\n`);
  return [
    ...csp.map((c) => `${name}: the page's CSP refused ${c} while axe ran`),
    ...violations
      .filter((/** @type {any} */ v) => FAILING_IMPACTS.includes(v.impact))
      .flatMap((/** @type {any} */ v) => v.nodes.map((/** @type {any} */ n) => `${name}: ${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help}${n.summary ? ` — ${n.summary.replace(/\s+/g, ' ')}` : ''}`)),
  ];
}

/**
 * What has the keyboard focus in the panel, looked up through shadow roots (vscode-elements keep
 * their inputs inside), and whether a focus indicator is drawn: an outline on the element or on a
 * host around it, or a border in the theme's focus colour on the element's shadow parts.
 * @param {import('playwright-core').Frame} frame
 */
export function focused(frame) {
  return frame.evaluate(() => {
    /** @type {Element | null} */
    let el = document.activeElement;
    /** @type {Element[]} */
    const chain = [];
    while (el) {
      chain.push(el);
      const inner = el.shadowRoot?.activeElement;
      if (!inner) break;
      el = inner;
    }
    const deepest = chain[chain.length - 1];
    const probe = document.createElement('div');
    probe.style.color = 'var(--vscode-focusBorder)';
    document.body.append(probe);
    const focusColour = getComputedStyle(probe).color;
    probe.remove();
    const outlined = (/** @type {Element} */ e) => {
      const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)';
    };
    const bordered = (/** @type {Element} */ e) => {
      const s = getComputedStyle(e);
      return Number.parseFloat(s.borderTopWidth) > 0 && s.borderTopStyle !== 'none' && s.borderTopColor === focusColour;
    };
    const parts = chain.flatMap((e) => [e, ...(e.shadowRoot ? [...e.shadowRoot.querySelectorAll('*')] : [])]);
    const host = chain[0];
    return {
      tag: host ? host.tagName.toLowerCase() : '',
      id: host?.id ?? '',
      name: (host?.getAttribute('aria-label') || host?.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
      inner: deepest ? deepest.tagName.toLowerCase() : '',
      body: !host || host === document.body,
      indicator: chain.some(outlined) || parts.some(bordered),
    };
  });
}
