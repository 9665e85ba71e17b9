/**
 * Headless Chromium for the browser tests, driven by playwright-core (which never downloads a
 * browser of its own: Debian's /usr/bin/chromium is installed by scripts/install-test-tools.sh).
 * The flags keep Chromium off the network (this machine reaches no Google host) and let it run as
 * root.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.STRATUS_TEST_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
