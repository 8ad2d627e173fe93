// End-to-end tests of the browser console: Debian's chromium, headless,
// against a whole suite with the demo district (ZS_CONSOLE_URL, started by
// e2e/run-suite.sh). Each page visited is saved as a screenshot under
// artifacts/ for a person to look at.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { ACCOUNTS, DESKTOP, PHONE, field, launch, shot, signIn } from './browser.mjs'

const BASE = process.env.ZS_CONSOLE_URL ?? 'http://127.0.0.1:7100'
const H1 = 'half-2026-1'
const passwords = new Map()
let browser

before(async () => {
  browser = await launch()
})
after(async () => {
  await browser?.close()
})

async function as(role, options = DESKTOP) {
  const context = await browser.newContext({ ...options, locale: 'zh-CN', timezoneId: 'America/New_York' })
  const page = await context.newPage()
  page.on('pageerror', (e) => console.error(`[${role}] page error: ${e.message}`))
  await signIn(page, BASE, ACCOUNTS[role] ?? role, passwords)
  return { context, page }
}

/** Text a person reads on the page, checked for English words and codes (a few Latin words are allowed). */
async function assertChinese(page, selector, what) {
  const text = await page.locator(selector).innerText()
  const english = text.match(/\b(?!(?:CSV|xlsx|Excel)\b)[A-Za-z]{4,}(?:\s+[A-Za-z]+)*\b/g) ?? []
  const allowed = english.filter((w) => !/^(?:staff|zhang|fujian|chen|admin|leader|deputy|daliu|wang|yrd|zhao|chengdu|liu|csv|xlsx)$/i.test(w))
  assert.deepEqual(allowed, [], `${what} reads English: ${allowed.join(' | ')}`)
}

/** Text of the figure card of the cockpit: "48", "12 · 42亿元" … */
async function figure(page, name) {
  const card = page.locator(`[data-test=figure-${name}]`)
  const value = (await card.locator('[data-test=figure-value]').innerText()).trim()
  const money = await card.locator('[data-test=figure-money]').count()
  return money ? `${value} · ${(await card.locator('[data-test=figure-money]').innerText()).trim()}` : value
}

async function waitForCharts(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('[data-chart][data-drawn=true]').length >= count, n, { timeout: 20_000 })
}

test('each role signs in, lands on its page and sees who it is', async () => {
  const landing = { admin: '/bureau/leads', bureau: '/bureau/leads', unit: '/workbench', fujian: '/workbench', leader: '/cockpit' }
  const where = { admin: '区投资促进局', bureau: '区投资促进局', unit: '大刘镇', fujian: '福建驻外招商办事处', leader: '副区长（分管招商）' }
  for (const role of Object.keys(landing)) {
    const { context, page } = await as(role)
    // A demo account signs in with the printed password, no change asked.
    await page.waitForURL((u) => u.pathname === landing[role] || u.pathname === '/password')
    assert.equal(new URL(page.url()).pathname, landing[role], `${role} lands at once`)
    const who = await page.locator('[data-test=who]').innerText()
    assert.ok(who.includes(where[role]), `${role}: header says '${who}'`)
    await page.waitForLoadState('networkidle')
    await shot(page, `landing-${role}`)
    if (role === 'admin') {
      await page.goto(`${BASE}/admin/accounts`)
      await page.locator('[data-test=accounts] .el-table__row').first().waitFor()
      assert.ok((await page.locator('[data-test=accounts]').innerText()).includes('fujian.chen'))
      await shot(page, 'admin-accounts')
    }
    // Sign out: the session ends, the next page asks to sign in again.
    await page.locator('[data-test=who]').click()
    await page.locator('[data-test=signout]').click()
    await page.waitForURL(/\/signin/)
    await page.goto(`${BASE}/workbench`)
    await page.waitForURL(/\/signin/)
    await context.close()
  }
})

test("an admin's new account must change its password at the first sign-in; disabled, it cannot sign in", async () => {
  const user = `e2e.${Date.now().toString(36)}`
  const initial = 'Chushi-Mima-2026!'
  const admin = await as('admin')
  await admin.page.goto(`${BASE}/admin/accounts`)
  await admin.page.locator('[data-test=create-account]').click()
  await field(admin.page, 'account-user').fill(user)
  await field(admin.page, 'account-name').fill('孙丽（福建办事处）')
  await admin.page.locator('[data-test=account-unit]').click()
  await admin.page.locator('.el-select-dropdown__item:visible', { hasText: '福建驻外招商办事处' }).first().click()
  // Too short: the identity service refuses, the problem is in Chinese beside the field, nothing typed is lost.
  await field(admin.page, 'account-password').fill('short')
  await admin.page.locator('[data-test=account-save]').click()
  await admin.page.locator('[data-test=account-error]').waitFor()
  await admin.page.locator('.el-dialog .el-form-item__error', { hasText: '不符合密码规则' }).waitFor()
  await assertChinese(admin.page, '.el-dialog', 'the refused account form')
  assert.equal(await field(admin.page, 'account-user').inputValue(), user)
  await shot(admin.page, 'admin-account-refused')
  await field(admin.page, 'account-password').fill(initial)
  await admin.page.locator('[data-test=account-save]').click()
  await admin.page.locator('[data-test=accounts]').getByText(user).waitFor()
  await shot(admin.page, 'admin-account-created')

  // The person signs in with the admin's password and must choose their own.
  const person = await browser.newContext({ ...DESKTOP, locale: 'zh-CN' })
  const page = await person.newPage()
  await signIn(page, BASE, user, new Map([[user, initial]]))
  await page.waitForURL(/\/password/)
  await page.getByText('须先修改密码').waitFor()
  await shot(page, 'first-sign-in-change')
  const fresh = 'Ziji-De-Mima-2026#'
  const inputs = page.locator('input[type=password]')
  await inputs.nth(0).fill(initial)
  await inputs.nth(1).fill(fresh)
  await inputs.nth(2).fill(fresh)
  await page.getByRole('button', { name: '保存' }).click()
  await page.waitForURL(/\/signin/, { timeout: 15_000 })
  await signIn(page, BASE, user, new Map([[user, fresh]]))
  await page.waitForURL((u) => u.pathname === '/workbench')

  // Disabled by the admin: the next sign-in is refused, in Chinese. (The
  // admin's list is read again: signing in changed the account's etag.)
  await admin.page.reload()
  await admin.page.locator(`[data-test=toggle-${user.replace('.', '\\.')}]`).click()
  await admin.page.locator('[data-test=accounts] .el-table__row', { hasText: user }).locator('.el-tag', { hasText: '停用' }).waitFor()
  await page.goto(`${BASE}/signin`)
  await field(page, 'user').fill(user)
  await field(page, 'password').fill(fresh)
  await page.locator('[data-test=signin]').click()
  await page.locator('[data-test=signin-error]', { hasText: '账号已停用' }).waitFor()
  await assertChinese(page, '[data-test=signin-error]', 'the refused sign-in')
  await shot(page, 'disabled-sign-in')
  await person.close()
  await admin.context.close()
})

let recordedLeadTitle = ''
let recordedLeadId = ''
let convertedProjectId = ''

test('an office records a visit, its enterprise and the lead, and sees them in its list and progress', async () => {
  const { context, page } = await as('fujian')
  await page.locator('[data-test=my-progress]').waitFor()
  const count = async (metric) =>
    Number((await page.locator(`[data-test=metric-${metric}] .el-statistic__number`).innerText()).replace(/\D/g, ''))
  const leadsBefore = await count('METRIC_LEADS')
  const visitsBefore = await count('METRIC_MERCHANT_VISITS')

  await page.locator('[data-test=record-visit]').click()
  await page.waitForURL(/\/workbench\/record/)
  const stamp = Date.now().toString(36)
  recordedLeadTitle = `厦门医疗影像设备生产基地 ${stamp}`
  await field(page, 'activity-title').fill(`走访厦门某医疗器械企业 ${stamp}`)
  await field(page, 'enterprise-name').fill(`厦门海辰医疗科技有限公司${stamp}`)

  // The credit code is checked while it is typed.
  const code = field(page, 'credit-code')
  await code.fill('91350100M000100Y44')
  const hint = page.locator('[data-test=credit-code-hint]')
  assert.match(await hint.innerText(), /校验码不符.*“3”/)
  await code.fill('91350100O0')
  assert.match(await hint.innerText(), /第 9 位“O”/)
  await code.fill('')
  await field(page, 'lead-title').fill(recordedLeadTitle)
  await field(page, 'lead-investment').fill('35000')
  await shot(page, 'record-visit')
  await page.locator('[data-test=save-visit]').click()
  await page.waitForURL(/\/leads\/\d+/, { timeout: 15_000 })
  recordedLeadId = page.url().split('/').pop()
  assert.equal((await page.locator('[data-test=lead-title]').innerText()).trim(), recordedLeadTitle)
  await page.waitForLoadState('networkidle')
  // The history line the service wrote ('created') reads by its kind.
  await page.locator('[data-test=timeline]').getByText('登记线索').waitFor()
  await assertChinese(page, '[data-test=timeline]', "the lead's history")
  await shot(page, 'lead-detail')

  await page.goto(`${BASE}/workbench`)
  await page.locator('[data-test=my-leads]').getByText(recordedLeadTitle).waitFor()
  await page.locator('[data-test=my-progress]').waitFor()
  assert.equal(await count('METRIC_LEADS'), leadsBefore + 1)
  assert.equal(await count('METRIC_MERCHANT_VISITS'), visitsBefore + 1)
  await shot(page, 'workbench-after')
  await context.close()
})

test('the record form warns of similar enterprise names, and a refused form keeps what was typed', async () => {
  const { context, page } = await as('fujian')
  await page.goto(`${BASE}/workbench/record`)
  await field(page, 'activity-title').fill('重复的企业')
  // The enterprise the office just recorded: same name, so the service refuses it.
  const name = field(page, 'enterprise-name')
  await name.fill(recordedLeadTitle ? '厦门海辰医疗科技有限公司' : 'x')
  await page.locator('[data-test=similar-warning]').waitFor({ timeout: 10_000 })
  await shot(page, 'similar-warning')
  await field(page, 'lead-title').fill('')
  await page.locator('[data-test=save-visit]').click()
  // Client-side rule: the lead needs a title; nothing was sent, nothing lost.
  await page.getByText('请填写线索名称').waitFor()
  assert.equal(await field(page, 'activity-title').inputValue(), '重复的企业')
  await context.close()
})

test('the bureau converts the lead, adds a measure, signs and starts the project', async () => {
  assert.ok(recordedLeadId, 'the office test recorded a lead')
  const { context, page } = await as('bureau')
  await page.goto(`${BASE}/leads/${recordedLeadId}`)
  await page.locator('[data-test=convert]').click()
  // An office's lead names no responsible unit: the bureau picks one.
  await page.locator('[data-test=convert-unit]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: '医疗器械产业园' }).first().click()
  await page.locator('[data-test=convert-confirm]').click()
  await page.waitForURL(/\/projects\/\d+/, { timeout: 15_000 })
  const stage = page.locator('[data-test=project-stage]')
  assert.equal((await stage.innerText()).trim(), '在谈')

  // Signing without a measure: the form says so before anyone presses.
  await page.locator('[data-test=move-sign]').click()
  await page.locator('[data-test=needs-measure]').waitFor()
  await shot(page, 'sign-needs-measure')
  await page.keyboard.press('Escape')

  await field(page, 'ledger-content').fill('成立专班，每周对接一次，协调用地指标。')
  await page.locator('[data-test=add-ledger]').click()
  await page.locator('[data-test=ledger]').getByText('成立专班').waitFor()

  await page.locator('[data-test=move-sign]').click()
  assert.equal(await page.locator('[data-test=needs-measure]').count(), 0)
  await page.locator('[data-test=move-confirm]').click()
  await page.waitForFunction(() => document.querySelector('[data-test=project-stage]')?.textContent?.trim() === '签约')

  await page.locator('[data-test=move-start]').click()
  await page.locator('[data-test=move-confirm]').click()
  await page.waitForFunction(() => document.querySelector('[data-test=project-stage]')?.textContent?.trim() === '开工')
  await page.locator('[data-test=stage-timeline]').getByText(/签约\s*→\s*开工/).waitFor()
  assert.match(await page.locator('[data-test=stage-timeline]').innerText(), /在谈\s*→\s*签约/)
  assert.match(await page.locator('[data-test=stage-timeline]').innerText(), new RegExp(`由线索 #${recordedLeadId} 转化`))
  await assertChinese(page, '[data-test=stage-timeline]', "the project's stage history")
  await shot(page, 'project-detail')

  convertedProjectId = page.url().split('/').pop()
  for (const path of ['/bureau/leads', '/projects', '/requests', '/supervision', '/duplicates', `/reports?period=${H1}`]) {
    await page.goto(`${BASE}${path}`)
    await page.waitForLoadState('networkidle')
    await shot(page, `bureau${path.replace(/[/?=]/g, '-')}`)
  }
  await context.close()
})

test("an admin reads the project's audit trail: who did what, in Chinese", async () => {
  assert.ok(convertedProjectId, 'the bureau test converted a lead')
  const { context, page } = await as('admin')
  await page.goto(`${BASE}/projects/${convertedProjectId}`)
  await page.locator('[data-test=audit-link]').click()
  await page.waitForURL(/\/admin\/audit/)
  const events = page.locator('[data-test=audit-events]')
  await events.getByText('开工').first().waitFor()
  const text = await events.innerText()
  for (const done of ['线索转为在谈项目', '签约', '开工']) assert.ok(text.includes(done), `the trail names '${done}': ${text.slice(0, 300)}`)
  assert.ok(text.includes('staff.zhang'))
  await shot(page, 'audit-trail')
  await context.close()
})

test("the leader's cockpit shows the demo's first-half figures and draws its charts", async () => {
  const { context, page } = await as('leader')
  await page.goto(`${BASE}/cockpit?period=${H1}`)
  await page.locator('[data-test=period-name]').getByText('2026年上半年').waitFor()
  await page.waitForFunction(() => document.querySelector('[data-test=figure-FIGURE_OUTBOUND_TRIPS] [data-test=figure-value]')?.textContent?.trim() !== '0')
  const expected = {
    FIGURE_OUTBOUND_TRIPS: '48',
    FIGURE_MERCHANT_VISITS: '66',
    FIGURE_LEADS: '46',
    FIGURE_SIGNED_PROJECTS: '12 · 42亿元',
    FIGURE_CONTINUING_PROJECTS: '59 · 85亿元',
    FIGURE_STARTED_PROJECTS: '73 · 96亿元',
    FIGURE_STARTED_GE_10YI: '3',
    FIGURE_STARTED_GE_1YI: '26',
    FIGURE_FUNDS_IN_PLACE: '3.65亿元',
  }
  for (const [name, value] of Object.entries(expected)) assert.equal(await figure(page, name), value, name)
  await waitForCharts(page, 4)
  assert.match(await page.locator('[data-test=bulletin]').innerText(), /外出招商48次/)
  await shot(page, 'cockpit')

  // The leader clicks '≥ 1亿' and reads the 26 projects behind it.
  await page.locator('[data-test=figure-FIGURE_STARTED_GE_1YI]').click()
  await page.waitForFunction(() => document.querySelectorAll('[data-test=figure-records] .el-table__row').length > 0)
  assert.equal(await page.locator('[data-test=figure-records] .el-table__row').count(), 26)
  const drill = await page.locator('[data-test=figure-records]').innerText()
  assert.ok(drill.includes('项目'), `records are labelled in Chinese: ${drill.slice(0, 200)}`)
  assert.doesNotMatch(drill, /\bproject\b|[A-Z]{3,}_/, 'no codes in the drill-down')
  await shot(page, 'drill-down-leader')
  await context.close()
})

test("the bureau's drill-down lists the 26 projects of ≥ 1亿 started in the first half", async () => {
  const { context, page } = await as('bureau')
  await page.goto(`${BASE}/cockpit?period=${H1}`)
  await page.waitForFunction(() => document.querySelector('[data-test=figure-FIGURE_STARTED_GE_1YI] [data-test=figure-value]')?.textContent?.trim() === '26')
  await page.locator('[data-test=figure-FIGURE_STARTED_GE_1YI]').click()
  const rows = page.locator('[data-test=figure-records] .el-table__row')
  await page.waitForFunction(() => document.querySelectorAll('[data-test=figure-records] .el-table__row').length > 0)
  assert.equal(await rows.count(), 26)
  await shot(page, 'drill-down-26')
  await context.close()
})

test('an office imports a spreadsheet: the dry run row by row, then the leads in its list', async () => {
  const { context, page } = await as('fujian')
  await page.locator('[data-test=import]').click()
  await page.waitForURL(/\/workbench\/import/)
  // The template is the service's .xlsx.
  const template = await page.evaluate(async (href) => {
    const r = await fetch(href)
    return { status: r.status, type: r.headers.get('content-type'), head: new Uint8Array(await r.arrayBuffer()).slice(0, 2).join(',') }
  }, await page.locator('[data-test=import-template]').getAttribute('href'))
  assert.equal(template.status, 200)
  assert.equal(template.head, '80,75', 'an .xlsx (zip) file')

  const stamp = Date.now().toString(36)
  const good = [`武夷山岩茶深加工项目 ${stamp}`, `厦门港冷链物流中心 ${stamp}`]
  const csv =
    '企业名称,线索名称,产业,招商渠道,预计投资(万元),收集日期\r\n' +
    `武夷山${stamp}茶业有限公司,${good[0]},商贸物流,驻地招商,"12,000",2026/3/8\r\n` +
    `厦门${stamp}港务有限公司,${good[1]},商贸物流,驻地招商,8000,2026年4月2日\r\n` +
    `泉州${stamp}制药有限公司,泉州制药项目 ${stamp},医药,驻地招商,5000,2026/4/9\r\n`
  await page.locator('[data-test=import-file] input[type=file]').setInputFiles({ name: '福建办事处线索台账.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv) })
  await page.locator('[data-test=import-allow-similar]').click()
  await page.locator('[data-test=import-check]').click()
  const summary = page.locator('[data-test=import-summary]')
  await summary.getByText('共 3 行').waitFor({ timeout: 20_000 })
  assert.match(await summary.innerText(), /2 行可以导入，0 行此前已导入，1 行有问题/)
  const rows = await page.locator('[data-test=import-rows]').innerText()
  assert.match(rows, /校验通过/)
  assert.match(rows, /产业：.*医药/, 'the refused row names its column and value')
  await assertChinese(page, '[data-test=import-rows]', 'the dry-run report')
  await page.waitForLoadState('networkidle')
  await shot(page, 'import-dry-run')
  // A dry run imported nothing.
  await page.goto(`${BASE}/workbench`)
  await page.locator('[data-test=my-leads]').waitFor()
  assert.equal(await page.locator('[data-test=my-leads]').getByText(good[0]).count(), 0)

  await page.goto(`${BASE}/workbench/import`)
  await page.locator('[data-test=import-file] input[type=file]').setInputFiles({ name: '福建办事处线索台账.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + csv) })
  await page.locator('[data-test=import-allow-similar]').click()
  await page.locator('[data-test=import-check]').click()
  await summary.getByText('共 3 行').waitFor({ timeout: 20_000 })
  await page.locator('[data-test=import-confirm]').click()
  await summary.getByText('已导入 2 行').waitFor({ timeout: 20_000 })
  await shot(page, 'import-done')
  await page.goto(`${BASE}/workbench`)
  for (const title of good) await page.locator('[data-test=my-leads]').getByText(title).waitFor()
  await shot(page, 'workbench-imported')
  await context.close()
})

test("an office cannot open another office's lead by editing the URL", async () => {
  // A lead of the Yangtze River Delta office, found by its own staff.
  const yrd = await as('yrd')
  const id = await yrd.page.evaluate(async () => {
    const r = await fetch('/v1/leads?office_code=office-yrd&page_size=1')
    return (await r.json()).leads[0].id
  })
  await yrd.context.close()

  const { context, page } = await as('fujian')
  await page.goto(`${BASE}/leads/${id}`)
  await page.locator('[data-test=error-note]').waitFor()
  assert.match(await page.locator('[data-test=error-note]').innerText(), /无权查看/)
  assert.equal(await page.locator('[data-test=lead-title]').count(), 0)
  await shot(page, 'other-office-denied')
  await context.close()
})

test('the cockpit at phone width: every figure readable, charts drawn, nothing wider than the screen', async () => {
  const { context, page } = await as('leader', PHONE)
  await page.goto(`${BASE}/cockpit?period=${H1}`)
  await page.waitForFunction(() => document.querySelector('[data-test=figure-FIGURE_LEADS] [data-test=figure-value]')?.textContent?.trim() === '46')
  await waitForCharts(page, 4)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
  await shot(page, 'cockpit-phone')
  await page.goto(`${BASE}/projects`)
  await page.waitForLoadState('networkidle')
  await shot(page, 'projects-phone')
  await context.close()
})
