// Who is signed in, and the directory that names their world. The account
// comes from GetCurrentAccount; the directory (units, offices, parks,
// leaders) from supervision's ListUnits / ListLeaders, once per sign-in.

import { computed, ref } from 'vue'
import { api, call } from '@/api/client'
import type { Account } from '@/api/types'
import { setDirectory } from '@/labels/labels'

export const account = ref<Account | null>(null)

export type Role = 'bureau_admin' | 'bureau_staff' | 'unit_staff' | 'office_staff' | 'leader'

const ROLES: Record<string, Role> = {
  ACCOUNT_KIND_BUREAU_ADMIN: 'bureau_admin',
  ACCOUNT_KIND_BUREAU_STAFF: 'bureau_staff',
  ACCOUNT_KIND_UNIT_STAFF: 'unit_staff',
  ACCOUNT_KIND_OFFICE_STAFF: 'office_staff',
  ACCOUNT_KIND_LEADER: 'leader',
}

export const role = computed<Role | null>(() => (account.value ? (ROLES[account.value.kind ?? ''] ?? null) : null))
/** Office and unit staff: their own unit's records only. */
export const isFieldStaff = computed(() => role.value === 'unit_staff' || role.value === 'office_staff')
export const isBureau = computed(() => role.value === 'bureau_staff' || role.value === 'bureau_admin')
/**
 * Bureau staff and leaders: they read the whole district, so a report's
 * figure opens the records behind it (the reporting role table lets them
 * call ListFigureRecords; units and offices are refused).
 */
export const canDrillDown = computed(() => isBureau.value || role.value === 'leader')

/** The landing page of each role. */
export function homeOf(r: Role | null): string {
  switch (r) {
    case 'unit_staff':
    case 'office_staff':
      return '/workbench'
    case 'leader':
      return '/cockpit'
    case 'bureau_admin':
    case 'bureau_staff':
      return '/bureau/leads'
    default:
      return '/signin'
  }
}

let directoryLoaded = false

async function loadDirectory(): Promise<void> {
  if (directoryLoaded) return
  const [units, leaders] = await Promise.all([
    call(() => api.GET('/v1/units', { params: { query: { page_size: 500 } } })),
    call(() => api.GET('/v1/leaders', { params: { query: { page_size: 500 } } })),
  ])
  setDirectory(
    (units.units ?? []).map((u) => ({ code: u.code ?? '', name: u.name ?? '', kind: u.kind })),
    (leaders.leaders ?? []).map((l) => ({ code: l.code ?? '', name: l.name ?? '', title: l.title })),
  )
  directoryLoaded = true
}

/** Reads who is signed in (null when no one is) and the directory. */
export async function loadSession(): Promise<Account | null> {
  // The directory is asked for at the same time, not after: a signed-in
  // page needs both, and a signed-out one ignores the refusal.
  const directory = loadDirectory().catch(() => {})
  try {
    account.value = await call(() => api.GET('/v1/currentAccount'))
  } catch {
    account.value = null
    return null
  }
  await directory
  return account.value
}

export async function signIn(userName: string, password: string): Promise<Account | null> {
  await call(() => api.POST('/v1/sessions', { body: { userName, password } }))
  return loadSession()
}

export async function signOut(): Promise<void> {
  await call(() => api.POST('/v1/sessions:delete', { body: {} })).catch(() => {})
  account.value = null
  directoryLoaded = false
}
