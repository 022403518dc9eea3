// What the dashboard's browser tests share: waiting for the page (or the store) to catch up, and reading a table.
import type { Page } from 'playwright-core';
import type { AdminAnswer } from '../helpers/admin.ts';

/** A signed-in page over a live gateway, and ways to ask its admin API or open another page of it. */
export interface DashboardRun {
  page: Page;
  url: string;
  api: (path: string) => Promise<AdminAnswer>;
  /** a fresh browser context on `path` below the gateway's URL, or on a full URL (another gateway); signed out unless it carries #token= */
  open: (path: string) => Promise<{ page: Page; problems: string[] }>;
}

export async function until(what: string, check: () => Promise<boolean> | boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The visible text of each body row of the table the page labels `name`, cells one space apart. */
export async function rows(page: Page, name: string): Promise<string[]> {
  const table = page.getByRole('table', { name, exact: true });
  await table.waitFor();
  return (await table.locator('tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}
