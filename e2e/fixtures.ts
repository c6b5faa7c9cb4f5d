// Shared e2e fixtures: every test fails if the page logs an error, breaks
// the Content Security Policy, or makes a request to anywhere but the app.

import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export interface PageWatch {
  /** Every request URL the page made that did not go to the app's own origin. */
  readonly foreignRequests: string[];
  /** Console errors and uncaught exceptions. */
  readonly errors: string[];
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: PageWatch = { foreignRequests: [], errors: [] };
    const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;

    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') watch.errors.push(message.text());
    });
    page.on('pageerror', (error) => watch.errors.push(error.message));

    await use(watch);

    expect(watch.foreignRequests, 'requests to other origins').toEqual([]);
    expect(watch.errors, 'console errors and uncaught exceptions').toEqual([]);
  },
});

export { expect };

/** Runs an axe scan in the light and the dark theme and expects no violations in either. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.waitForTimeout(50);
    const results = await new AxeBuilder({ page }).analyze();
    const summary = results.violations.map(
      (v) =>
        `${v.id} (${colorScheme}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(summary, `axe violations in the ${colorScheme} theme`).toEqual([]);
  }
}
