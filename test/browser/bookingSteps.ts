import type { Page } from 'playwright-core';
import { tabToSelector } from '../support/browser.js';

const WAIT = { timeout: 15_000 };

/** On the public booking page, by keyboard: waits for the question `title`, chooses its first answer and continues. */
export async function chooseFirst(page: Page, title: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: title }).waitFor(WAIT);
  await tabToSelector(page, 'input[type=radio]');
  await page.keyboard.press('Space');
  await tabToSelector(page, 'button[type=submit]');
  await page.keyboard.press('Enter');
}
