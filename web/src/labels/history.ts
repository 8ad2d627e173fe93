// How a record's history reads. A status change or stage transition that a
// person made carries their reason, shown as written; one the system made
// (a lead recorded, its first follow-up, its conversion or merge, a project
// created from a lead, a year's rollover) is told by its kind — which
// statuses or stages it joins — in the person's language, from the record's
// own links (its project, the lead it was merged into or came from), never
// from the note the service stored for its operators.

import { i18n } from '@/i18n'
import type { Lead, LeadStatusChange, Project, StageTransition } from '@/api/types'

const t = (key: string, values: Record<string, unknown> = {}) => i18n.global.t(key, values)
const isSet = (id?: string) => !!id && id !== '0'

/** The line under a lead's status change: the system's words, or the person's reason. */
export function leadChangeNote(change: LeadStatusChange, lead: Pick<Lead, 'projectId' | 'mergedIntoId'> | null): string {
  const from = change.fromStatus ?? 'LEAD_STATUS_UNSPECIFIED'
  switch (change.toStatus) {
    case 'LEAD_STATUS_NEW':
      if (from === 'LEAD_STATUS_UNSPECIFIED') return t('history.leadRecorded')
      break
    case 'LEAD_STATUS_FOLLOWING':
      if (from === 'LEAD_STATUS_NEW') return t('history.firstFollowUp')
      break
    case 'LEAD_STATUS_CONVERTED':
      return isSet(lead?.projectId) ? t('history.convertedTo', { id: lead?.projectId }) : t('history.converted')
    case 'LEAD_STATUS_MERGED':
      return isSet(lead?.mergedIntoId) ? t('history.mergedInto', { id: lead?.mergedIntoId }) : t('history.merged')
    default:
      break
  }
  return change.reason ?? ''
}

/** The line under a project's stage transition: the system's words, or the person's reason. */
export function transitionNote(transition: StageTransition, project: Pick<Project, 'leadId'> | null): string {
  if (transition.kind === 'KIND_YEAR_ROLLOVER') {
    return t('history.carriedInto', { year: (transition.effectiveDate ?? '').slice(0, 4) })
  }
  const created = transition.kind === 'KIND_STAGE_CHANGE' && (transition.fromStage ?? 'STAGE_UNSPECIFIED') === 'STAGE_UNSPECIFIED'
  if (created) return isSet(project?.leadId) ? t('history.fromLead', { id: project?.leadId }) : t('history.projectRecorded')
  return transition.reason ?? ''
}

/**
 * A merge's summary of what moved to the survivor. The lead service writes
 * it as `key=count` pairs (`follow_ups=3 status_history=2 fields=referrer_id,description`);
 * each key is a kind of record, told in the person's language.
 */
export function mergeSummary(summary: string): string {
  const parts: string[] = []
  for (const pair of summary.split(/\s+/)) {
    const [key, value = ''] = pair.split('=')
    if (!key) continue
    const count = key === 'fields' ? value.split(',').filter(Boolean).length : Number(value)
    if (!count) continue
    parts.push(t(`history.moved.${key}`, { n: count }))
  }
  return parts.join(t('history.separator'))
}
