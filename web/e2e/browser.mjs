// Debian's chromium driven by playwright-core: no browser is downloaded.
// Shared by the end-to-end tests and the benchmark.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ARTIFACTS = process.env.ZS_CONSOLE_ARTIFACTS ?? resolve(dirname(fileURLToPath(import.meta.url)), '../artifacts')
mkdirSync(ARTIFACTS, { recursive: true })

/** The demo district's accounts (tools/demo/demo_accounts.cc) and their password. */
export const DEMO_PASSWORD = process.env.ZS_DEMO_PASSWORD ?? 'Demo-Zhaoshang-2026'
export const ACCOUNTS = {
  admin: 'admin.li',
  bureau: 'staff.zhang',
  unit: 'daliu.wang',
  yrd: 'yrd.zhao',
  fujian: 'fujian.chen',
  chengdu: 'chengdu.liu',
  leader: 'leader.deputy2',
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.ZS_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  })
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
export const DESKTOP = { viewport: { width: 1366, height: 900 } }

/**
 * Signs in through the page as a person would. Demo accounts keep the
 * printed password (zs-demo accounts, demo_account), so they land on their
 * page at once; `passwords` holds the password of any other account the
 * tests created and changed.
 */
export async function signIn(page, base, userName, passwords = new Map()) {
  await page.goto(`${base}/signin`)
  await field(page, 'user').fill(userName)
  await field(page, 'password').fill(passwords.get(userName) ?? DEMO_PASSWORD)
  await page.locator('[data-test=signin]').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 15_000 })
}

/**
 * A form control by its data-test name: Element Plus puts a component's
 * attributes on the <input> itself (el-input) or on its wrapper (others).
 */
export function field(page, name) {
  const n = `[data-test=${name}]`
  return page.locator(`input${n}, textarea${n}, ${n} input, ${n} textarea`).first()
}

export async function shot(page, name) {
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true })
}
