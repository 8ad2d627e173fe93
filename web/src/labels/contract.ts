// Ties each label table to its enum in the generated contract types: a
// value added to a .proto without a label (or a label for a value that is
// gone) fails vue-tsc here.
import type * as T from '@/api/types'
import type { Pair } from './enums'
import * as enums from './enums'

type Exactly<E extends string, Table> = [Exclude<E, keyof Table>, Exclude<keyof Table, E>] extends [never, never]
  ? true
  : { missing: Exclude<E, keyof Table>; extra: Exclude<keyof Table, E> }

function covers<E extends string>() {
  return <Table extends Record<string, Pair>>(_table: Table, ok: Exactly<E, Table>) => ok
}

covers<T.Industry>()(enums.industry, true)
covers<T.Channel>()(enums.channel, true)
covers<T.ChainAction>()(enums.chainAction, true)
covers<T.EnumOf<T.Enterprise, 'type'>>()(enums.enterpriseType, true)
covers<T.GroupBy>()(enums.groupBy, true)
covers<T.EnumOf<T.Activity, 'kind'>>()(enums.activityKind, true)
covers<T.LeadStatus>()(enums.leadStatus, true)
covers<T.EnumOf<T.LeadDeadline, 'kind'>>()(enums.deadlineKind, true)
covers<T.EnumOf<T.FollowUp, 'kind'>>()(enums.followUpKind, true)
covers<T.EnumOf<T.Merge, 'kind'>>()(enums.mergeKind, true)
covers<T.Stage>()(enums.stage, true)
covers<T.EnumOf<T.StageTransition, 'kind'>>()(enums.transitionKind, true)
covers<T.EnumOf<T.LedgerEntry, 'kind'>>()(enums.ledgerKind, true)
covers<T.EnumOf<T.EnterpriseRequest, 'state'>>()(enums.requestState, true)
covers<T.EnumOf<T.Snapshot, 'kind'>>()(enums.snapshotKind, true)
covers<T.EnumOf<T.Task, 'state'>>()(enums.taskState, true)
covers<T.EnumOf<T.Sanction, 'kind'>>()(enums.sanctionKind, true)
covers<T.Figure>()(enums.figure, true)
covers<T.AccountKind>()(enums.accountKind, true)
covers<T.EnumOf<T.SignInEvent, 'outcome'>>()(enums.signInOutcome, true)
covers<NonNullable<T.EnumOf<NonNullable<T.UnitProgress['metrics']>[number], 'metric'>>>()(enums.metric, true)
covers<T.EnumOf<T.ImportRowResult, 'outcome'>>()(enums.importOutcome, true)
