// Typed calls to zs-gateway. `paths` is generated from the gateway's OpenAPI
// document (scripts/gen-api.mjs), so a path, a parameter or a field that
// the contract no longer has fails `vue-tsc`, not a page at run time.
//
// The browser holds no token: the gateway keeps the access token and the
// session secret in HttpOnly cookies; RefreshSession renews the access token.

import createClient from 'openapi-fetch'
import type { paths } from './schema'
import { ApiError } from './errors'

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' })

/** The gateway's double-submit CSRF token: the zs_csrf cookie, repeated in a header on changes. */
function csrfToken(): string {
  const match = /(?:^|;\s*)zs_csrf=([^;]*)/.exec(document.cookie)
  return match ? decodeURIComponent(match[1]) : ''
}

api.use({
  onRequest({ request }) {
    if (request.method !== 'GET') {
      const token = csrfToken()
      if (token) request.headers.set('X-CSRF-Token', token)
    }
    return request
  },
})

interface Answer<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Called when the session has ended and could not be renewed. */
let onSignedOut: () => void = () => {}
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler
}

let refreshing: Promise<boolean> | null = null
function refreshSession(): Promise<boolean> {
  refreshing ??= api
    .POST('/v1/sessions:refresh', { body: {} })
    .then((r) => r.response.ok)
    .catch(() => false)
    .finally(() => (refreshing = null))
  return refreshing
}

/**
 * Runs one typed call and returns its answer, or throws ApiError with the
 * server's status. An expired access token is renewed once from the
 * session and the call repeated (every mutation carries a requestId, so a
 * repeat is harmless).
 */
export async function call<T>(send: () => Promise<Answer<T>>): Promise<T> {
  let answer = await send()
  // Signing in and out answer 401 for wrong credentials, not for an expired token.
  const sessionCall = new URL(answer.response.url, location.href).pathname.startsWith('/v1/sessions')
  if (answer.response.status === 401 && !sessionCall && (await refreshSession())) answer = await send()
  if (!answer.response.ok || answer.error !== undefined) {
    if (answer.response.status === 401 && !sessionCall) onSignedOut()
    throw ApiError.from(answer.response.status, answer.error)
  }
  return answer.data as T
}

/** A fresh AIP-155 request id for one mutation; keep it across retries of the same attempt. */
export function newRequestId(): string {
  // randomUUID exists only in secure contexts; a plain-HTTP address on a
  // LAN is not one, getRandomValues works everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
