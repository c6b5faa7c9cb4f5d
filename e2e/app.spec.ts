import { test, expect, expectNoAxeViolations } from './fixtures';

test.describe('app shell', () => {
  test('home lists every lab', async ({ page, watch }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Protocol Lab' })).toBeVisible();
    const cards = page.getByRole('list', { name: 'Labs' }).getByRole('listitem');
    await expect(cards).toHaveCount(3);
    await expect(page.getByRole('link', { name: 'JWT inspector' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'TCP', exact: true }).first()).toBeVisible();
    expect(watch.errors).toEqual([]);
  });

  test('home passes axe in both themes', async ({ page, watch: _watch }) => {
    await page.goto('/');
    await expectNoAxeViolations(page);
  });

  test('question mark opens the shortcut list', async ({ page, watch: _watch }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('Show this list of keyboard shortcuts')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('preferences set theme and motion', async ({ page, watch: _watch }) => {
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await dialog.getByLabel('Theme').selectOption('system');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await dialog.getByLabel('Motion').selectOption('reduce');
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduce');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-motion', 'reduce');
  });

  test('theme toggle switches and persists', async ({ page, watch: _watch }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('keyboard reaches a lab from the home page', async ({ page, watch: _watch }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    const jwtCard = page
      .getByRole('list', { name: 'Labs' })
      .getByRole('link', { name: 'JWT inspector' });
    await jwtCard.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/jwt$/);
  });

  test('phone width has no horizontal scroll', async ({ page, watch: _watch }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ['/', '/jwt', '/tcp', '/tls']) {
      await page.goto(path);
      await expect(page.locator('h1')).toBeVisible();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
    }
  });

  test('production build sends a strict CSP', async ({ page, request, watch: _watch }) => {
    const response = await request.get('/');
    const header = response.headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(header).not.toContain('unsafe-inline');
    expect(header).not.toMatch(/'unsafe-eval'/);
    await page.goto('/');
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  });

  test('unknown path shows a not-found page', async ({ page, watch: _watch }) => {
    await page.goto('/nowhere');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
