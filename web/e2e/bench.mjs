// The console's benchmark: the leader's cockpit on the demo district's
// first half, loaded cold in headless chromium (a new browser context, so
// nothing cached), N times: first contentful paint, and the time until all
// four charts are drawn (ECharts' `finished`), both from navigation start;
// and the JavaScript and CSS the cockpit loads, gzip-compressed. Prints
// `name measured target PASS|FAIL` lines; exits 1 when a target fails.
import { gzipSync } from 'node:zlib'
import { ACCOUNTS, DESKTOP, launch, signIn } from './browser.mjs'

const BASE = process.env.ZS_CONSOLE_URL ?? 'http://127.0.0.1:7100'
const RUNS = Number(process.env.ZS_BENCH_RUNS ?? 7)
const TARGET_MS = 1500
const TARGET_BYTES = 1024 * 1024

const browser = await launch()
const passwords = new Map()
// Sign in once (demo accounts keep the printed password); each run then
// starts from the saved cookies with an empty cache.
const setup = await browser.newContext(DESKTOP)
await signIn(await setup.newPage(), BASE, ACCOUNTS.leader, passwords)
const state = await setup.storageState()
await setup.close()

const fcp = []
const charts = []
let assetBytes = 0
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ ...DESKTOP, storageState: state })
  const page = await context.newPage()
  const assets = new Map()
  page.on('response', async (response) => {
    const url = response.url()
    if (/\.(js|css)(\?|$)/.test(url)) assets.set(url, response.body().then((b) => gzipSync(b, { level: 9 }).length).catch(() => 0))
  })
  await page.goto(`${BASE}/cockpit?period=half-2026-1`)
  await page.waitForFunction(() => document.querySelectorAll('[data-chart][data-drawn=true]').length >= 4, null, { timeout: 30_000 })
  const drawnAt = await page.evaluate(() => performance.now())
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN)
  fcp.push(paint)
  charts.push(drawnAt)
  if (run === 0) assetBytes = (await Promise.all(assets.values())).reduce((a, b) => a + b, 0)
  // ZS_BENCH_TRACE=1: where the first load's time went, request by request.
  if (run === 0 && process.env.ZS_BENCH_TRACE) {
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname + new URL(e.name).search.slice(0, 60), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize]),
    )
    for (const [name, start, end, size] of entries) console.log(`  ${String(start).padStart(5)} → ${String(end).padStart(5)} ms ${String(size).padStart(7)} B ${name}`)
  }
  await context.close()
}
await browser.close()

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const lines = [
  ['console_cockpit_first_contentful_paint_ms', median(fcp), TARGET_MS],
  ['console_cockpit_charts_drawn_ms', median(charts), TARGET_MS],
  ['console_cockpit_js_css_gzip_bytes', assetBytes, TARGET_BYTES],
]
console.log(`cockpit, ${RUNS} cold loads (median); FCP runs: ${fcp.map((x) => Math.round(x)).join(' ')} ms; charts: ${charts.map((x) => Math.round(x)).join(' ')} ms`)
let failed = false
for (const [name, measured, target] of lines) {
  const pass = measured <= target
  failed ||= !pass
  console.log(`${name} ${Math.round(measured)} ${target} ${pass ? 'PASS' : 'FAIL'}`)
}
process.exit(failed ? 1 : 0)
