// Helpers for the scenario player: read the current step and step with the keyboard.

import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export function stepTitle(page: Page) {
  return page.locator('#step-title');
}

/** Returns [current, total] from the "Step N of M" line. */
export async function stepPosition(page: Page): Promise<[number, number]> {
  const text = (await page.locator('.step-kind').textContent()) ?? '';
  const match = /Step (\d+) of (\d+)/.exec(text);
  if (!match) throw new Error(`no step position in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Presses → until the last step, checking that each press moves one step. */
export async function stepToEndWithKeyboard(page: Page): Promise<number> {
  const [, total] = await stepPosition(page);
  await page.locator('body').focus();
  for (let expected = 2; expected <= total; expected++) {
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.step-kind')).toContainText(`Step ${expected} of ${total}`);
  }
  return total;
}

/** Presses Home, then → until the step with `stepId` is shown. */
export async function goToStepByKeyboard(page: Page, stepId: string): Promise<void> {
  await page.locator('body').focus();
  await page.keyboard.press('Home');
  const [, total] = await stepPosition(page);
  for (let i = 0; i < total; i++) {
    if ((await stepTitle(page).getAttribute('data-step-id')) === stepId) return;
    await page.keyboard.press('ArrowRight');
  }
  await expect(stepTitle(page)).toHaveAttribute('data-step-id', stepId);
}
