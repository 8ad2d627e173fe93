// Pages and who may open them. The guard only steers people to the pages
// of their role; what they may read is decided by the services (an office
// opening another office's lead by URL gets PERMISSION_DENIED from the lead
// service, and the page says so).
import { createRouter, createWebHistory } from 'vue-router'
import { account, homeOf, loadSession, role, type Role } from './session'
import { whenSignedOut } from './api/client'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    roles?: Role[]
  }
}

const field: Role[] = ['unit_staff', 'office_staff']
const bureau: Role[] = ['bureau_staff', 'bureau_admin']

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/signin', component: () => import('./pages/SignIn.vue'), meta: { public: true } },
    { path: '/password', component: () => import('./pages/ChangePassword.vue') },
    { path: '/', redirect: () => homeOf(role.value) },
    { path: '/workbench', component: () => import('./pages/Workbench.vue'), meta: { roles: field } },
    { path: '/workbench/record', component: () => import('./pages/RecordVisit.vue'), meta: { roles: field } },
    { path: '/workbench/import', component: () => import('./pages/ImportFile.vue'), meta: { roles: [...field, ...bureau] } },
    { path: '/leads/:id', component: () => import('./pages/LeadDetail.vue'), props: true },
    { path: '/bureau/leads', component: () => import('./pages/LeadList.vue'), meta: { roles: bureau } },
    { path: '/projects', component: () => import('./pages/ProjectList.vue') },
    { path: '/projects/:id', component: () => import('./pages/ProjectDetail.vue'), props: true },
    { path: '/requests', component: () => import('./pages/RequestList.vue'), meta: { roles: bureau } },
    { path: '/supervision', component: () => import('./pages/Supervision.vue') },
    { path: '/duplicates', component: () => import('./pages/Duplicates.vue'), meta: { roles: bureau } },
    { path: '/cockpit', component: () => import('./pages/Cockpit.vue') },
    { path: '/reports', component: () => import('./pages/Reports.vue') },
    { path: '/admin/accounts', component: () => import('./pages/Accounts.vue'), meta: { roles: ['bureau_admin'] } },
    { path: '/admin/audit', component: () => import('./pages/AuditTrail.vue'), meta: { roles: ['bureau_admin'] } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

let checked = false
router.beforeEach(async (to) => {
  if (!checked) {
    checked = true
    // The first page's code downloads while the session is read, not after
    // (the router would fetch it only once this guard is done).
    for (const record of to.matched) {
      const load = record.components?.default
      if (typeof load === 'function') void (load as () => Promise<unknown>)()?.catch?.(() => {})
    }
    await loadSession()
  }
  if (to.meta.public) return true
  if (!account.value) return { path: '/signin', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
  if (account.value.passwordChangeRequired && to.path !== '/password') return '/password'
  if (to.meta.roles && role.value && !to.meta.roles.includes(role.value)) return homeOf(role.value)
  return true
})

// A session that ends while someone works (expired, revoked, disabled):
// back to sign-in, then back to where they were.
whenSignedOut(() => {
  if (!account.value) return
  account.value = null
  if (router.currentRoute.value.meta.public) return
  void router.push({ path: '/signin', query: { next: router.currentRoute.value.fullPath } })
})
