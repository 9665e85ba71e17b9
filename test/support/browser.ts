/**
 * Headless Chromium for the browser tests, driven by playwright-core (which never downloads a
 * browser of its own: Debian's /usr/bin/chromium is installed by scripts/install-test-tools.sh,
 * which .ci/run calls). The flags keep Chromium off the network (this machine reaches no Google
 * host) and let it run as root without a GPU or a sandbox.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.STRATUS_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** A skip reason for node:test when Chromium is not installed (never the case under .ci/run). */
export const chromiumMissing = !existsSync(CHROMIUM) && 'chromium is not installed (apt-get install -y chromium)';

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

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
