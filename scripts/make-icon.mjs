// @ts-check
// Renders media/icon.svg to media/icon.png (the marketplace icon, 256×256) with Debian's chromium through
// playwright-core, as the e2e suite drives it: `node scripts/make-icon.mjs`. Commit both files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, ROOT } from './vscode/paths.mjs';
import { CHROMIUM_ARGS } from './vscode/browser.mjs';

const SIZE = 256;
const svg = readFileSync(join(ROOT, 'media', 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace(/<svg /, `<svg style="display:block;width:${SIZE}px;height:${SIZE}px" `)}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: SIZE, height: SIZE } });
  writeFileSync(join(ROOT, 'media', 'icon.png'), png);
  console.log(`media/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
} finally {
  await browser.close();
}
