// Names for the contract's messages as the generated OpenAPI types call
// them; pages import from here so a renamed message is fixed in one place.
import type { components } from './schema'

type S = components['schemas']

export type Account = S['zhaoshang.identity.v1.Account']
export type Enterprise = S['zhaoshang.lead.v1.Enterprise']
export type Activity = S['zhaoshang.lead.v1.Activity']
export type Lead = S['zhaoshang.lead.v1.Lead']
export type LeadDeadline = S['zhaoshang.lead.v1.LeadDeadline']
export type FollowUp = S['zhaoshang.lead.v1.FollowUp']
export type LeadStatusChange = S['zhaoshang.lead.v1.LeadStatusChange']
export type DuplicateLeadPair = S['zhaoshang.lead.v1.DuplicateLeadPair']
export type DuplicateEnterprisePair = S['zhaoshang.lead.v1.DuplicateEnterprisePair']
export type Merge = S['zhaoshang.lead.v1.Merge']
export type Project = S['zhaoshang.project.v1.Project']
export type StageTransition = S['zhaoshang.project.v1.StageTransition']
export type LedgerEntry = S['zhaoshang.project.v1.LedgerEntry']
export type FundsRecord = S['zhaoshang.project.v1.FundsRecord']
export type EnterpriseRequest = S['zhaoshang.project.v1.EnterpriseRequest']
export type UnitProgress = S['zhaoshang.supervision.v1.UnitProgress']
export type Snapshot = S['zhaoshang.supervision.v1.Snapshot']
export type Task = S['zhaoshang.supervision.v1.Task']
export type Bulletin = S['zhaoshang.supervision.v1.Bulletin']
export type Sanction = S['zhaoshang.supervision.v1.Sanction']
export type PeriodReport = S['zhaoshang.reporting.v1.PeriodReport']
export type FigureValue = S['zhaoshang.reporting.v1.FigureValue']
export type FigureRecord = S['zhaoshang.reporting.v1.FigureRecord']
export type AggregateRow = S['zhaoshang.common.v1.AggregateRow']
export type AuditEvent = S['zhaoshang.common.v1.AuditEvent']
export type SignInEvent = S['zhaoshang.identity.v1.SignInEvent']

/** The values of an enum-typed field, e.g. EnumOf<Lead, 'industry'>. */
export type EnumOf<M, K extends keyof M> = NonNullable<M[K]> extends (infer E)[] ? E & string : NonNullable<M[K]> & string

export type Industry = EnumOf<Lead, 'industry'>
export type Channel = EnumOf<Lead, 'channel'>
export type ChainAction = EnumOf<Lead, 'chainAction'>
export type LeadStatus = EnumOf<Lead, 'status'>
export type Stage = EnumOf<Project, 'stage'>
export type Figure = EnumOf<FigureValue, 'figure'>
export type GroupBy = EnumOf<AggregateRow, 'groupBy'>
export type AccountKind = EnumOf<Account, 'kind'>
export type ImportResponse = S['zhaoshang.lead.v1.ImportResponse']
export type ImportRowResult = S['zhaoshang.lead.v1.ImportRowResult']
