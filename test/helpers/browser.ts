// The dashboard tests' browser: Debian's chromium driven by playwright-core, and the dashboard built from the
// current sources (once per test process) into dashboard/dist, which the gateway under test serves.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONFIG = fileURLToPath(new URL('../../dashboard/vite.config.ts', import.meta.url));

let built: Promise<void> | null = null;

export function buildDashboard(): Promise<void> {
  built ??= build({ configFile: CONFIG, logLevel: 'warn' }).then(() => undefined);
  return built;
}

export async function launchBrowser(t: TestContext): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  // Chromium's sandbox refuses to start as root (CI containers)
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = await chromium.launch({ executablePath: CHROMIUM, args, timeout: 30_000 });
  t.after(() => browser.close());
  return browser;
}

/**
 * Collects what must never happen on a dashboard page, across its reloads: a Content-Security-Policy violation
 * (the page's securitypolicyviolation events and Chromium's console report of one) and an uncaught exception.
 */
export async function watchPage(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('pageerror', (err) => seen.push(`uncaught: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) seen.push(`console: ${msg.text()}`);
  });
  await page.exposeFunction('airlockTestViolation', (what: string) => seen.push(`csp: ${what}`));
  // init scripts and exposed functions go through the DevTools protocol: the page's CSP does not stop them. A
  // string, because this project's TypeScript has no DOM types.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    window.airlockTestViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')))`);
  return seen;
}
