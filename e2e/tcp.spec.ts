import { test, expect, expectNoAxeViolations } from './fixtures';
import { stepPosition, stepTitle, stepToEndWithKeyboard } from './player';
import { TCP_SCENARIO_IDS } from '../src/protocols/tcp/scenarios';

const scenarios = TCP_SCENARIO_IDS;

test.describe('TCP lab', () => {
  for (const scenario of scenarios) {
    test(`${scenario} steps to its end by keyboard`, async ({ page, watch: _watch }) => {
      await page.goto(`/tcp?scenario=${scenario}`);
      await expect(stepTitle(page)).toBeVisible();
      const total = await stepToEndWithKeyboard(page);
      expect(await stepPosition(page)).toEqual([total, total]);
      await page.keyboard.press('Home');
      await expect(page.locator('.step-kind')).toContainText(`Step 1 of ${total}`);
      await page.keyboard.press('End');
      await expect(page.locator('.step-kind')).toContainText(`Step ${total} of ${total}`);
    });
  }

  test('deep link opens fin-wait-2', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=close&step=fin-wait-2');
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'fin-wait-2');
    await expect(page.getByTestId('state-client')).toHaveText('FIN-WAIT-2');
    await expect(page).toHaveURL(/scenario=close/);
    await expect(page).toHaveURL(/step=fin-wait-2/);
  });

  test('stepping writes the step id to the URL', async ({ page, watch: _watch }) => {
    await page.goto('/tcp');
    await expect(page).toHaveURL(/scenario=handshake&step=syn-sent/);
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/step=syn-received/);
  });

  test('unknown step falls back with a message', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=close&step=no-such-step');
    await expect(page.getByText('This scenario has no step')).toBeVisible();
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'established');
  });

  test('invalid parameter in a link is replaced', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake&params=%7B%22mss%22%3A-5%7D');
    await expect(page.getByText('Some values in the link were not valid')).toBeVisible();
    await expect(stepTitle(page)).toBeVisible();
  });

  test('same seed replays, new run changes ISN', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake');
    const inspector = page.getByRole('region', { name: 'Message inspector' });
    const first = await inspector
      .locator('tr', { hasText: 'Sequence number' })
      .first()
      .textContent();
    await page.reload();
    expect(
      await inspector.locator('tr', { hasText: 'Sequence number' }).first().textContent(),
    ).toBe(first);
    await page.getByRole('button', { name: 'New random run' }).click();
    await expect(page).toHaveURL(/seed=\d+/);
    await expect(inspector.locator('tr', { hasText: 'Sequence number' }).first()).not.toHaveText(
      first!,
    );
  });

  test('field hover highlights its bytes', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake');
    const inspector = page.getByRole('region', { name: 'Message inspector' });
    const row = inspector.locator('tbody tr').first();
    await row.hover();
    await expect(inspector.locator('.byte-span.active').first()).toBeVisible();
  });

  test('presenter mode enters and leaves', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=close');
    await expect(stepTitle(page)).toBeVisible();
    await page.locator('body').focus();
    await page.keyboard.press('p');
    await expect(page.locator('.player.presenter')).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Labs' })).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.presenter-hint')).toContainText('Step 2 of');
    await page.keyboard.press('Escape');
    await expect(page.locator('.player.presenter')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Labs' })).toBeVisible();
  });

  test('shortcut list takes the keyboard while open', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=close');
    await expect(stepTitle(page)).toBeVisible();
    await page.locator('body').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-kind')).toContainText('Step 1 of');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-kind')).toContainText('Step 2 of');
  });

  test('Space on a checkbox ticks it and does not play', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake');
    const sack = page.getByRole('checkbox', { name: 'Offer SACK' });
    await sack.focus();
    const before = await sack.isChecked();
    await page.keyboard.press(' ');
    await expect(sack).toBeChecked({ checked: !before });
    await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  test('presenter controls step and leave without a keyboard', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=close');
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    const bar = page.getByRole('group', { name: 'Presenter controls' });
    await bar.getByRole('button', { name: 'Next step' }).click();
    await expect(bar).toContainText('Step 2 of');
    await bar.getByRole('button', { name: 'Leave presenter mode' }).click();
    await expect(page.getByRole('navigation', { name: 'Labs' })).toBeVisible();
  });

  test('malformed seed in a link is reported', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake&seed=abc');
    await expect(page.getByText('The link\'s "seed" value is malformed')).toBeVisible();
    await expect(stepTitle(page)).toBeVisible();
  });

  test('export produces an SVG', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake&step=established');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SVG' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('tcp-handshake-established.svg');
    const path = await file.path();
    const { readFileSync } = await import('node:fs');
    const svg = readFileSync(path, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('SYN');
  });

  test('export produces a PNG', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake&step=established');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export PNG' }).click();
    expect((await download).suggestedFilename()).toBe('tcp-handshake-established.png');
  });

  test('changing a parameter rebuilds the run', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=nagle');
    await page.getByLabel(/TCP_NODELAY/).check();
    await expect(page).toHaveURL(/noDelay/);
    await expect(stepTitle(page)).toBeVisible();
  });

  test('reduced motion turns animation off', async ({ page, watch: _watch }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/tcp?scenario=handshake&step=syn-received');
    await expect(page.locator('.message.animate')).toHaveCount(0);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.locator('body').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.message.animate').first()).toBeAttached();
  });

  test('passes axe in both themes', async ({ page, watch: _watch }) => {
    await page.goto('/tcp?scenario=handshake&step=syn-sent');
    await expect(stepTitle(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/tcp?scenario=congestion&step=timeout');
    await expect(stepTitle(page)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
