// What a form does with a refused call: the problem goes beside the field
// its google.rpc.BadRequest violation names (el-form-item's `error`), one
// sentence above the form (both in the person's language, messages.ts); a stale etag (ABORTED) offers to
// reload the record. The form's model is never touched, so nothing typed
// is lost.

import { reactive, ref } from 'vue'
import { ElMessageBox } from 'element-plus'
import { ApiError } from './errors'
import { i18n } from '@/i18n'
import { errorText, violationText } from './messages'

export function useServerErrors() {
  /** Messages keyed by request field path (`lead.title`, `enterprise.creditCode`). */
  const fields = reactive<Record<string, string>>({})
  /** A message that belongs to no field. */
  const general = ref('')

  function clear() {
    for (const key of Object.keys(fields)) delete fields[key]
    general.value = ''
  }

  /**
   * Shows a refused call. `reload`, when given, is offered for a stale
   * etag. Returns the error's code so callers can branch on it.
   */
  async function show(error: unknown, reload?: () => Promise<void> | void): Promise<string> {
    clear()
    general.value = errorText(error)
    if (!(error instanceof ApiError)) return 'UNKNOWN'
    for (const v of error.violations) fields[v.field] = violationText(v)
    if (error.stale && reload) {
      const t = i18n.global.t
      try {
        await ElMessageBox.confirm(t('errors.staleBody'), t('errors.staleTitle'), {
          confirmButtonText: t('errors.reload'),
          cancelButtonText: t('common.cancel'),
          type: 'warning',
        })
        await reload()
        general.value = t('errors.reloaded')
      } catch {
        /* the person keeps the form as it is */
      }
    }
    return error.code
  }

  return { fields, general, clear, show }
}
