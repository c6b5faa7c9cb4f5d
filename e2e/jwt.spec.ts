import type { Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations } from './fixtures';
import {
  commonHS256,
  rfc7515ES256,
  rfc7515HS256,
  rfc7519Unsecured,
  rfc7520HS256Text,
  rfc7797,
} from '../src/tools/jwt/vectors.fixture';

const json = (value: unknown) => JSON.stringify(value);

async function inspect(page: Page, token: string, key = '') {
  await page.getByRole('textbox', { name: 'Token' }).fill(token);
  await page.getByRole('textbox', { name: 'Secret or key' }).fill(key);
}

function status(page: Page) {
  return page.getByRole('status').filter({
    hasText: /Signature verified|Invalid signature|Unsecured|Cannot|Not verified|Decrypt/,
  });
}

test.describe('JWT inspector', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/jwt');
    await expect(page.getByRole('heading', { level: 1, name: 'JWT inspector' })).toBeVisible();
  });

  test('RFC 7515 A.1 verifies with its JWK', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7515HS256.token, json(rfc7515HS256.jwk));
    await expect(status(page)).toHaveText('Signature verified');
    await expect(page.locator('tr[data-claim="iss"]')).toContainText('"joe"');
    await expect(page.locator('tr[data-claim="exp"]')).toContainText('2011-03-22T18:43:00.000Z');
    await expect(page.locator('tr[data-claim="exp"]')).toContainText(/expired .* ago/);
    await expect(page.locator('.validity-status')).toContainText(/Expired/i);
  });

  test('RFC 7515 A.3 ES256 verifies with its public JWK', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7515ES256.token, json(rfc7515ES256.publicJwk));
    await expect(status(page)).toHaveText('Signature verified');
    await expect(page.locator('tr[data-claim="iss"]')).toContainText('"joe"');
  });

  test('RFC 7519 unsecured token says unsecured', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7519Unsecured.token);
    await expect(status(page)).toHaveText('Unsecured: no signature');
    await expect(page.getByText('alg').first()).toBeVisible();
  });

  test('RFC 7520 text payload shows as text and verifies', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7520HS256Text.token, json(rfc7520HS256Text.jwk));
    await expect(status(page)).toHaveText('Signature verified');
    await expect(page.getByRole('heading', { name: 'Text (not JSON)' })).toBeVisible();
    await expect(page.getByLabel('Payload as text')).toContainText(
      'It\u2019s a dangerous business, Frodo',
    );
  });

  test('RFC 7797 encoded payload verifies', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7797.encodedToken, json(rfc7797.jwk));
    await expect(status(page)).toHaveText('Signature verified');
  });

  test('RFC 7797 detached unencoded payload verifies', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7797.unencodedDetachedToken, json(rfc7797.jwk));
    await page.getByRole('textbox', { name: 'Detached payload' }).fill(rfc7797.payloadText);
    await expect(status(page)).toHaveText('Signature verified');
  });

  test('tutorial token verifies with a weak-key warning', async ({ page, watch: _watch }) => {
    await inspect(page, commonHS256.token, commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');
    await expect(page.locator('tr[data-claim="name"]')).toContainText('John Doe');
    await expect(page.getByText(/shorter than|at least 256 bits|256 bits/).first()).toBeVisible();
  });

  test('Bearer prefix and a line break are removed', async ({ page, watch: _watch }) => {
    const [head, body, signature] = rfc7515HS256.token.split('.');
    const pasted = `Authorization: Bearer ${head}.${body!.slice(0, 40)}\n${body!.slice(40)}.${signature}`;
    await inspect(page, pasted, json(rfc7515HS256.jwk));
    await expect(status(page)).toHaveText('Signature verified');
    await expect(page.locator('.extraction-summary')).toContainText('Bearer');
    await expect(page.locator('.extraction-summary')).toContainText('line break');
  });

  test('flipped signature bit is invalid', async ({ page, watch: _watch }) => {
    // The first signature character carries six whole bits; the last one has unused bits.
    const [head, body, signature] = rfc7515HS256.token.split('.');
    const flipped = (signature![0] === 'd' ? 'e' : 'd') + signature!.slice(1);
    await inspect(page, `${head}.${body}.${flipped}`, json(rfc7515HS256.jwk));
    await expect(status(page)).toHaveText('Invalid signature');
  });

  test('wrong key is invalid', async ({ page, watch: _watch }) => {
    await inspect(page, commonHS256.token, 'not-the-secret');
    await expect(status(page)).toHaveText('Invalid signature');
  });

  test('wrong secret encoding names the right one', async ({ page, watch: _watch }) => {
    await inspect(page, rfc7515HS256.token, rfc7515HS256.jwk.k);
    await expect(status(page)).toHaveText('Invalid signature');
    await expect(page.getByText(/but it does when read as/)).toContainText('base64url');
    await page.getByRole('combobox', { name: 'Secret encoding' }).selectOption('base64url');
    await expect(status(page)).toHaveText('Signature verified');
  });

  test('truncated token names the segment', async ({ page, watch: _watch }) => {
    const [head, body] = rfc7515HS256.token.split('.');
    await inspect(page, `${head}.${body}`);
    await expect(page.locator('.input-error')).toBeVisible();
    await expect(page.locator('.input-error')).toContainText(/part|segment|dot/i);
    await expect(page.getByRole('textbox', { name: 'Token' })).toHaveValue(`${head}.${body}`);
  });

  test('random text gets a clear message', async ({ page, watch: _watch }) => {
    await inspect(page, 'hello world, this is not a token');
    await expect(page.locator('.input-error')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Token' })).toHaveValue(
      'hello world, this is not a token',
    );
  });

  test('bad base64url names the position', async ({ page, watch: _watch }) => {
    await inspect(page, 'eyJhbGciOiJIUzI1NiJ9.ab$cd.sig');
    await expect(page.locator('.input-error')).toContainText(/payload/i);
    await expect(page.locator('.input-error')).toContainText(/2[0-9]/);
  });

  test('header that is not an object is reported', async ({ page, watch: _watch }) => {
    // "WzFd" is base64url of [1]: JSON, but not an object.
    await inspect(page, 'WzFd.eyJhIjoxfQ.');
    await expect(page.locator('.input-error')).toContainText(/object/i);
  });

  test('1 MB paste keeps the page responsive', async ({ page, watch: _watch }) => {
    const big = `eyJhbGciOiJIUzI1NiJ9.${'A'.repeat(1024 * 1024)}.sig`;
    await page.getByRole('textbox', { name: 'Token' }).evaluate((element, value) => {
      const textarea = element as HTMLTextAreaElement;
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      setter.call(textarea, value);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }, big);
    await expect(page.getByRole('heading', { name: /Payload/ })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/more characters/).first()).toBeVisible();
    const started = Date.now();
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('decoding and verifying make no request', async ({ page, watch: _watch }) => {
    await page.waitForLoadState('networkidle');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await inspect(page, rfc7515ES256.token, json(rfc7515ES256.publicJwk));
    await expect(status(page)).toHaveText('Signature verified');
    await inspect(page, commonHS256.token, commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');
    expect(requests).toEqual([]);
  });

  test('token stays out of the URL and storage', async ({ page, watch: _watch }) => {
    await inspect(page, commonHS256.token, commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');
    expect(page.url()).not.toContain(commonHS256.token.slice(0, 20));
    const stored = await page.evaluate(() =>
      JSON.stringify({ ...localStorage, ...sessionStorage }),
    );
    expect(stored).not.toContain(commonHS256.token.slice(0, 20));
    expect(stored).not.toContain(commonHS256.secret);
  });

  test('share link warns and puts the token in the fragment', async ({
    page,
    context,
    watch: _watch,
  }) => {
    await inspect(page, rfc7515ES256.token, json(rfc7515ES256.publicJwk));
    await expect(status(page)).toHaveText('Signature verified');
    await page.getByRole('button', { name: 'Share link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this token as a link' });
    await expect(dialog.getByText('The link contains the whole token.')).toBeVisible();
    await dialog.getByRole('checkbox', { name: /include the public key/ }).check();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
    expect(new URL(link).search).toBe('');
    expect(new URL(link).hash).toContain('token=');

    const second = await context.newPage();
    await second.goto(link);
    await expect(
      second.getByRole('status').filter({ hasText: 'Signature verified' }),
    ).toBeVisible();
    await second.close();
  });

  test('secret is never offered for sharing', async ({ page, watch: _watch }) => {
    await inspect(page, commonHS256.token, commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');
    await page.getByRole('button', { name: 'Share link…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share this token as a link' });
    await expect(dialog.getByRole('checkbox')).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Create link' }).click();
    expect(await dialog.getByRole('textbox', { name: 'Link' }).inputValue()).not.toContain(
      'secret',
    );
  });

  test('works with the keyboard alone', async ({ page, watch: _watch }) => {
    const token = page.getByRole('textbox', { name: 'Token' });
    for (let i = 0; i < 20 && !(await token.evaluate((e) => e === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(token).toBeFocused();
    await page.keyboard.insertText(commonHS256.token);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: 'Secret or key' })).toBeFocused();
    await page.keyboard.insertText(commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');

    const example = page.getByRole('button', { name: 'RFC 7519 unsecured' });
    for (let i = 0; i < 20 && !(await example.evaluate((e) => e === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(example).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('Unsecured: no signature');
  });

  test('passes axe with a token loaded', async ({ page, watch: _watch }) => {
    await expectNoAxeViolations(page);
    await inspect(page, commonHS256.token, commonHS256.secret);
    await expect(status(page)).toHaveText('Signature verified');
    await expectNoAxeViolations(page);
  });
});
