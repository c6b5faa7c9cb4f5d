import { test, expect, expectNoAxeViolations } from './fixtures';
import { goToStepByKeyboard, stepTitle, stepToEndWithKeyboard } from './player';

// RFC 8448 §3 values, copied from the RFC.
const rfcClientHandshakeTrafficSecret =
  'b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21';
const rfcServerApplicationKey = '9f02283b6c9c07efc26bb9f2ac92e356';
const rfcSharedSecret = '8bd4054fb55b9d63fdfbacf9f04b9f0d35e6d63f537563efd46272900f89492d';

function currentComputations(page: import('@playwright/test').Page) {
  return page.getByRole('region', { name: 'Computations' });
}

test.describe('TLS lab', () => {
  test('RFC 8448 client handshake traffic secret', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&step=client-handshake-traffic-secret');
    await expect(stepTitle(page)).toHaveAttribute(
      'data-step-id',
      'client-handshake-traffic-secret',
    );
    await expect(currentComputations(page)).toContainText(rfcClientHandshakeTrafficSecret);
  });

  test('RFC 8448 server application key', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&step=server-application-keys');
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'server-application-keys');
    await expect(currentComputations(page)).toContainText(rfcServerApplicationKey);
  });

  test('typed client key changes every later value', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&step=shared-secret');
    await expect(currentComputations(page)).toContainText(rfcSharedSecret);

    await page.getByLabel('Trace').selectOption('fresh');
    await expect(page).toHaveURL(/fresh/);

    await page.getByRole('textbox', { name: 'Client X25519 private key' }).fill('77'.repeat(32));
    await page.getByRole('button', { name: 'Apply' }).click();
    // The typed key is a secret: it stays in memory and out of the link.
    await expect(page).not.toHaveURL(/7777/);

    const values: string[] = [];
    for (const step of [
      'shared-secret',
      'handshake-secret',
      'client-handshake-traffic-secret',
      'master-secret',
    ]) {
      await goToStepByKeyboard(page, step);
      values.push((await currentComputations(page).textContent()) ?? '');
    }
    expect(values[0]).not.toContain(rfcSharedSecret);
    expect(values[2]).not.toContain(rfcClientHandshakeTrafficSecret);

    // Clearing the key goes back to the seed's key, so the values change again.
    await page.getByRole('textbox', { name: 'Client X25519 private key' }).fill('');
    await page.getByRole('button', { name: 'Apply' }).click();
    await goToStepByKeyboard(page, 'shared-secret');
    expect(await currentComputations(page).textContent()).not.toBe(values[0]);
  });

  test('invalid typed key is explained', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&params=%7B%22mode%22%3A%22fresh%22%7D');
    await page.getByRole('textbox', { name: 'Client X25519 private key' }).fill('abc');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Client X25519 private key' }),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Client X25519 private key' })).toHaveValue(
      'abc',
    );
  });

  test('bug toggle marks differing values', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&step=client-handshake-traffic-secret');
    await page.getByLabel('Deliberate client bug').selectOption('two-byte-label-length');
    await expect(page).toHaveURL(/two-byte-label-length/);
    await page.goto(page.url().replace(/step=[a-z-]+/, 'step=client-handshake-traffic-secret'));
    await expect(
      currentComputations(page)
        .getByText(/differs from the correct value/)
        .first(),
    ).toBeVisible();
  });

  test('deep link opens a resumption step', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=resumption&step=replay');
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'replay');
  });

  for (const scenario of ['handshake', 'resumption', 'tls12-vs-tls13', 'forward-secrecy']) {
    test(`${scenario} steps to its end by keyboard`, async ({ page, watch: _watch }) => {
      await page.goto(`/tls?scenario=${scenario}`);
      await expect(stepTitle(page)).toBeVisible();
      await stepToEndWithKeyboard(page);
    });
  }

  test('forward secrecy: 1.2 recording opens, 1.3 does not', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=forward-secrecy&step=tls12-read-recording');
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'tls12-read-recording');
    await expect(currentComputations(page)).toContainText('POST /login HTTP/1.1');

    await page.goto('/tls?scenario=forward-secrecy&step=tls13-try-application-record');
    await expect(stepTitle(page)).toHaveAttribute('data-step-id', 'tls13-try-application-record');
    const thisStep = currentComputations(page).locator('> .computation');
    await expect(thisStep.last()).toContainText('record-authentication-failed');
    for (const card of await thisStep.all()) await expect(card).not.toContainText('POST /login');
  });

  test('comparison table lists what 1.3 removed', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=tls12-vs-tls13');
    await expect(page.getByRole('heading', { name: 'What TLS 1.3 removed' })).toBeVisible();
    await expect(page.getByText('RC4').first()).toBeVisible();
  });

  test('passes axe in both themes', async ({ page, watch: _watch }) => {
    await page.goto('/tls?scenario=handshake&step=certificate');
    await expect(stepTitle(page)).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/tls?scenario=forward-secrecy&step=summary');
    await expect(stepTitle(page)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
