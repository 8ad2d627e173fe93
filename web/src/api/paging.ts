// Server-side paging with the contract's opaque page tokens (AIP-158): the
// table shows one page, "next" sends the token the server gave, "previous"
// the token that led to the page before. Filters start again at page one.
import { ref, shallowRef } from 'vue'

export function usePaged<Row>(
  fetchPage: (pageToken: string, pageSize: number) => Promise<{ rows: Row[]; next: string }>,
  pageSize = 20,
) {
  const rows = shallowRef<Row[]>([])
  const loading = ref(false)
  const error = ref<unknown>(null)
  const page = ref(1)
  const hasNext = ref(false)
  const tokens: string[] = ['']
  let next = ''

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      const answer = await fetchPage(tokens[page.value - 1], pageSize)
      rows.value = answer.rows
      next = answer.next
      hasNext.value = next !== ''
    } catch (e) {
      error.value = e
      rows.value = []
    } finally {
      loading.value = false
    }
  }

  function reset(): Promise<void> {
    tokens.length = 1
    page.value = 1
    return load()
  }
  function nextPage(): Promise<void> {
    if (!hasNext.value) return Promise.resolve()
    tokens[page.value] = next
    page.value++
    return load()
  }
  function previousPage(): Promise<void> {
    if (page.value === 1) return Promise.resolve()
    page.value--
    return load()
  }
  return { rows, loading, error, page, hasNext, load, reset, nextPage, previousPage, pageSize }
}
