// @ts-check
// What a person does in the VS Code workbench, as playwright-core steps. Selectors measured on VS Code 1.100.
export const CONTAINER_TITLE = 'OpenAI Admin';

export class Workbench {
  constructor(page) {
    this.page = page;
  }

  /** The workbench has restored and the extension's view container is in the activity bar. */
  async ready(timeout = 60_000) {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    await this.activityBarIcon().waitFor({ state: 'visible', timeout });
  }

  activityBarIcon(title = CONTAINER_TITLE) {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`);
  }

  /**
   * Opens the extension's view container in the side bar. Clicking the activity bar icon toggles, and
   * right after a (re)load the workbench may still be restoring the side bar: when the first click did
   * not leave the container open, click once more.
   */
  async openContainer(title = CONTAINER_TITLE) {
    const heading = this.sideBar().locator('.composite.title', { hasText: new RegExp(title, 'i') });
    if (await heading.isVisible()) return;
    await this.activityBarIcon(title).click();
    await this.moveMouseAway(); // the icon's hover would cover the tree
    try {
      await heading.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      await this.activityBarIcon(title).click();
      await this.moveMouseAway();
      await heading.waitFor({ state: 'visible' });
    }
  }

  /** Parks the mouse over the empty editor area, where it triggers no hover. */
  async moveMouseAway() {
    const size = this.page.viewportSize();
    if (size) await this.page.mouse.move(size.width - 20, Math.round(size.height / 2));
  }

  sideBar() {
    return this.page.locator('.part.sidebar');
  }

  /** The buttons of a view's welcome content (`viewsWelcome`). */
  welcomeButton(name) {
    return this.sideBar().locator('.welcome-view-content').getByRole('button', { name });
  }

  /**
   * Clicks a view's title action by its label (e.g. 'Open Usage & Costs'). The container has two views,
   * so each view's title actions sit in its own header and show when the pointer is over it.
   */
  async viewTitleAction(label, view = 'Organization') {
    const header = this.sideBar().locator('.pane-header', { hasText: view }).first();
    await header.hover({ position: { x: 40, y: 10 } });
    await header.locator(`a.action-label[aria-label^="${label}"]`).click();
  }

  treeItems() {
    return this.sideBar().locator('.monaco-list-row[role="treeitem"]');
  }

  /**
   * Runs a context-menu entry of `target` (a locator, e.g. a tree row). The entry is chosen with the
   * keyboard: a mouse click on a menu that is still opening can be swallowed on a busy machine.
   */
  async contextMenu(target, entry) {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.waitFor({ state: 'visible' });
    const item = menu.locator('.action-item', { hasText: entry }).first();
    await item.waitFor({ state: 'visible' });
    await item.hover();
    await this.page.waitForFunction((el) => el.classList.contains('focused'), await item.elementHandle());
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  quickInputBox() {
    return this.page.locator('.quick-input-widget input.input');
  }

  /** Runs a command by its palette title, e.g. 'OpenAI Admin: Set Admin API Key'. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible' });
    await input.press('Enter');
  }

  /**
   * Waits for the input box a command opened (e.g. the key prompt) and returns its locator.
   * @param {{ title?: string }} [options]
   */
  async promptInput({ title } = {}) {
    if (title) await this.quickInput().locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    const input = this.quickInputBox();
    await input.waitFor({ state: 'visible' });
    return input;
  }

  /**
   * Waits until the screen is still: no extension activating, no progress bar running, no hover
   * tooltip under the mouse, toasts done animating. Call before a screenshot.
   */
  async settle() {
    await this.moveMouseAway();
    await this.statusBar().getByText('Activating Extensions').waitFor({ state: 'hidden' });
    await this.page.waitForFunction(() => {
      const visible = (el) => el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility !== 'hidden';
      return ![...document.querySelectorAll('.monaco-progress-container.active, .workbench-hover, .monaco-hover')].some(visible);
    });
    await this.page.waitForTimeout(400); // toast and view transitions
  }

  notifications() {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  notification(text) {
    return this.notifications().filter({ hasText: text });
  }

  statusBar() {
    return this.page.locator('.part.statusbar');
  }

  /** The whole key flow a person follows: palette → masked input → Enter; waits until the prompt closed. */
  async setAdminKey(key) {
    await this.runCommand('OpenAI Admin: Set Admin API Key');
    const input = await this.promptInput();
    await input.fill(key);
    await input.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
  }

  /** Sets a key the API accepts and waits until the extension says it was saved. */
  async connect(key) {
    await this.setAdminKey(key);
    await this.statusBar().getByText('OpenAI admin key saved').waitFor({ state: 'visible' });
  }
}
