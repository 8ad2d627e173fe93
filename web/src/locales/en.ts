// UI words in English; the same keys as zh.ts (the type below checks).
import type zh from './zh'

const en: typeof zh = {
  app: { title: 'Investment Promotion Console', bureau: 'Investment Promotion Bureau', changePassword: 'Change password', signOut: 'Sign out' },
  nav: {
    workbench: 'Workbench', cockpit: 'Cockpit', leads: 'All leads', projects: 'Projects', requests: 'Requests',
    supervision: 'Supervision', duplicates: 'Duplicates', reports: 'Reports', accounts: 'Accounts', audit: 'Audit trail',
  },
  common: {
    add: 'Add', all: 'All', cancel: 'Cancel', confirm: 'Confirm', content: 'Content', date: 'Date', kind: 'Kind',
    next: 'Next', previous: 'Previous', none: 'None', note: 'Note', page: 'Page {n}', save: 'Save', saved: 'Saved',
    search: 'Search', title: 'Title', total: '{n} in all', updated: 'Updated',
  },
  errors: {
    denied: 'You may not see this record.', notFound: 'No such record.', reload: 'Reload',
    reloaded: 'The latest record is loaded; what you typed is kept. Check it and submit again.',
    staleBody: 'Someone changed this record. Reload it and submit again? What you typed is kept.', staleTitle: 'Record changed',
    fields: 'Some fields need correcting; see the notes beside them.', network: 'The server cannot be reached. Check the network and try again (what you typed is kept).',
    code: {
      OK: 'Done', CANCELLED: 'Cancelled.', UNKNOWN: 'Something went wrong; try again or ask an administrator.', INVALID_ARGUMENT: 'Some input is not valid.',
      DEADLINE_EXCEEDED: 'The server took too long; try again (what you typed is kept).', NOT_FOUND: 'No such record.', ALREADY_EXISTS: 'It exists already.',
      PERMISSION_DENIED: 'You may not do this.', RESOURCE_EXHAUSTED: 'Too many requests; try again shortly.', FAILED_PRECONDITION: "The record's state does not allow this.",
      ABORTED: 'Someone changed this record; reload it and submit again.', OUT_OF_RANGE: 'Out of range.', UNIMPLEMENTED: 'Not supported.',
      INTERNAL: 'Something went wrong; try again or ask an administrator.', UNAVAILABLE: 'The service is unavailable; try again (what you typed is kept).',
      DATA_LOSS: 'Something went wrong; ask an administrator.', UNAUTHENTICATED: 'Your sign-in has ended; sign in again.',
    },
    reason: {
      ACCOUNT_DISABLED: 'The account is disabled; ask an administrator.', ACCOUNT_EXISTS: 'That user name is taken.', ACCOUNT_LOCKED: 'Too many wrong passwords: the account is locked for a while.',
      DEMO_ACCOUNTS_NOT_ALLOWED: 'This system keeps no demo accounts.', ENTERPRISE_CREDIT_CODE_EXISTS: 'Another enterprise has this credit code.',
      ENTERPRISE_MERGED: 'This enterprise was merged into another; pick that one.', INVALID_CREDENTIALS: 'Wrong user name or password.',
      LEAD_MERGED: 'This lead was merged into another.', LEAD_NOT_MERGEABLE: 'These leads cannot be merged.',
      LEAD_NOT_OPEN: 'The lead is converted, dropped or merged.', LEADER_EXISTS: 'That leader exists already.',
      NO_MEASURES: 'Signing needs at least one measure in the ledger.', PROJECT_DROPPED: 'The project was dropped.', UNIT_EXISTS: 'That unit exists already.',
      WRONG_PASSWORD: 'The old password is wrong.',
    },
    problem: {
      checkCharacter: 'check character mismatch', password: 'does not meet the password rules', mismatch: 'does not match', same: 'must differ from the old one', required: 'required',
      date: 'a date YYYY-MM-DD', beforeStart: 'before the start date', positive: 'must be positive', tooLong: 'too long', choose: 'pick one from the list',
      range: 'out of range', invalid: 'not valid',
    },
  },
  history: {
    leadRecorded: 'Lead recorded', firstFollowUp: 'First follow-up recorded', convertedTo: 'Converted to project #{id}', converted: 'Converted to a project',
    mergedInto: 'Merged into lead #{id}', merged: 'Merged into another lead', carriedInto: 'Carried into {year} as continuing', fromLead: 'Converted from lead #{id}',
    projectRecorded: 'Recorded directly',
    moved: {
      follow_ups: '{n} follow-ups', status_history: '{n} status changes', deadlines_met: '{n} time limits met', fields: '{n} fields filled in',
      leads: '{n} leads', projects: '{n} projects', activity_contacts: '{n} activity contacts', referrers: '{n} referrers',
    },
    separator: '; ',
  },
  import: {
    title: 'Import a spreadsheet', kind: 'What it holds', template: 'Download the template (.xlsx)', file: 'File', choose: 'Choose a file',
    hint: '.xlsx or CSV (UTF-8 or GBK), up to 10,000 rows; headers as in the template or as offices name them.',
    allowSimilar: 'Enterprises only similar to known ones are new enterprises (I checked)',
    check: 'Check (import nothing)', confirm: 'Import {n} rows', progress: '{done} of {total} rows',
    checked: '{total} rows: {ok} can be imported, {existing} imported before, {refused} with problems', imported: '{ok} rows imported, {existing} imported before, {refused} not imported',
    unknownColumns: 'These columns are not imported: {names}', refusedStay: 'Rows with problems are not imported; fix the file and import it again (nothing is imported twice).',
    line: 'Line', outcome: 'Outcome', problems: 'Problems', open: 'Open', toLeads: 'See the leads on the workbench',
  },
  signIn: {
    subtitle: 'Bureau · units · remote offices · leaders', userName: 'User name', password: 'Password', submit: 'Sign in',
    needUser: 'Enter your user name', needPassword: 'Enter your password', failed: 'Sign-in failed',
  },
  password: {
    old: 'Current password', new: 'New password', repeat: 'New password again', needOld: 'Enter your current password', needNew: 'Enter a new password',
    tooShort: 'At least 10 characters', mismatch: 'The two entries differ', changed: 'Password changed; sign in again',
    required: 'Change your password before going on (first sign-in or after a reset).',
    policy: '10–128 characters, with three of: lower case, upper case, digits, others; not containing the user name.',
  },
  workbench: {
    import: 'Import a spreadsheet',
    title: '{unit} · workbench', record: 'Record a visit and lead', myLeads: 'My leads', due: 'Follow-ups due (overdue)', nothingDue: 'Nothing overdue',
    progress: 'Progress against targets ({from} to {to})', rank: 'Rank', projects: 'Projects born from my leads',
  },
  record: {
    title: 'Record a visit, its enterprise and the lead', visit: 'Visit', enterprise: 'Enterprise', lead: 'Lead', done: 'saved', existing: 'existing',
    needTitle: 'Name the visit', needEnterprise: 'Name or pick the enterprise', needLeadTitle: 'Name the lead', needInvestment: 'Estimated investment (10k CNY)',
    saved: 'Recorded', similar: 'Enterprises with similar names exist: {names}. If it is one of them, pick it from the list instead.',
  },
  activity: { kind: 'Kind', title: 'Title', dates: 'Dates', destination: 'Place', leader: 'Leading official' },
  enterprise: {
    name: 'Enterprise name', creditCode: 'Unified social credit code', type: 'Type', industry: 'Industry', region: 'Region', contact: 'Contact', phone: 'Phone',
    codeTyping: '{n} of 18 characters', codeCharacter: "Character {position} '{character}' is not allowed (no I, O, S, V, Z)",
    codeLength: 'Must be 18 characters, not {n}', codeCheck: "Check character mismatch: the first 17 give '{expected}'",
  },
  lead: {
    title: 'Lead', status: 'Status', investment: 'Est. investment', investmentWan: 'Estimated investment (10k CNY)', nextDeadline: 'Next deadline', overdue: 'Overdue',
    channel: 'Channel', industry: 'Industry', chainAction: 'Chain action', owner: 'Follow-up owner', description: 'Description', collector: 'Collected by',
    collected: 'Collected', updated: 'Updated', deadlines: 'Time limits', deadlineKind: 'What', due: 'Due', met: 'Met',
    addFollowUp: 'Add a follow-up', timeline: 'Follow-ups', convert: 'Convert to project', drop: 'Drop lead', dropReason: 'Reason for dropping', droppedDate: 'Dropped on',
    project: 'Open project', converted: 'Converted into a negotiating project', convertHint: "The project takes the lead's enterprise and industry unless given.",
  },
  project: {
    name: 'Project', stage: 'Stage', investment: 'Investment', paidIn: 'Funds in place', chain: 'Chain', unit: 'Responsible unit', park: 'Carrier park',
    leader: 'Sub-contracting leader', commander: 'Commander', person: 'Dedicated person', team: 'Service team', signedDate: 'Signed on', startedDate: 'Started on',
    completedDate: 'Completed on', plannedStart: 'Planned start', signedInvestment: 'Signed investment (10k CNY)', signedAt: 'Signing event id (optional)',
    activityIdHint: 'When signed at a fair or trip', dropReason: 'Reason', negotiationDate: 'Negotiation began on', fromLead: 'Originating lead', timeline: 'Stage history',
    ledger: 'Ledger (progress / measures / difficulties)', funds: 'Funds in place', amount: 'Amount', amountWan: 'Amount (10k CNY)', requests: 'Enterprise requests',
    staleOnly: 'Ledger stale 30 days', moved: 'Done', needsMeasure: 'Signing needs at least one measure in the ledger.',
    move: { negotiate: 'Start negotiating', sign: 'Sign', schedule: 'Schedule start', start: 'Start', complete: 'Complete', drop: 'Drop' },
    needs: {
      negotiate: 'The promoted project enters negotiation.', sign: 'Needs: a measure in the ledger; the signing date; the signed investment (> 0).',
      schedule: 'Needs: the planned start date.', start: 'Needs: the start date (not before signing, not in the future).',
      complete: 'Needs: the completion date.', drop: 'Needs: a reason.',
    },
  },
  request: {
    category: 'Category', content: 'Request', unit: 'Responsible unit', workingDays: 'working days', agency: 'Agency service', raise: 'Record request',
    state: 'State', due: 'Due', overdue: 'Overdue', project: 'Project', raised: 'Raised', start: 'Start', settle: 'Settle',
    reject: 'Reject', resolution: 'Resolution', reason: 'Reason',
  },
  progress: { rank: 'Rank', unit: 'Unit', score: 'Score' },
  period: { month: 'Month', quarter: 'Quarter', half: 'Half', year: 'Year' },
  cockpit: {
    title: 'Cockpit', target: 'Target', mom: 'vs prev.', yoy: 'vs last year', bulletin: 'Bulletin', trend: 'Monthly trend', ranking: 'Unit ranking (score)',
    byIndustry: 'By industry', byChain: 'Started investment by chain action (100 m CNY)', myProjects: 'My sub-contracted and commanded projects',
    overdueRequests: '{n} overdue requests', flags: 'Flags', stale: 'Stale ledger',
  },
  reports: { breakdowns: 'Breakdowns', xlsx: 'Download Excel', csv: 'Download CSV', figures: 'Figures', figure: 'Figure', count: 'Count' },
  supervision: {
    progress: 'Progress', targets: 'Targets', snapshots: 'Summaries & rankings', bulletins: 'Bulletins', tasks: 'Tasks', sanctions: 'Rewards & penalties',
    metric: 'Metric', yearly: 'Yearly target', publishWeekly: 'Publish weekly summary', publishMonthly: 'Publish monthly ranking', period: 'Period', published: 'Published',
    generate: 'Generate bulletin', taskTitle: 'Task', required: 'Required result', complete: 'Complete', done: 'Done', points: 'Points',
  },
  duplicates: {
    leads: 'Likely duplicate leads', enterprises: 'Likely duplicate enterprises', first: 'First', second: 'Second', why: 'Why', keepFirst: 'Keep first',
    keepSecond: 'Keep second', merge: 'Merge', reason: 'Reason', merged: 'Merged', history: 'Merges', survivor: 'Kept', duplicate: 'Folded', moved: 'Moved',
  },
  accounts: {
    create: 'New account', displayName: 'Name', kind: 'Role', where: 'Unit / office', active: 'State', on: 'Active', off: 'Disabled',
    lastSignIn: 'Last sign-in', disable: 'Disable', enable: 'Enable', reset: 'Reset password', newPassword: 'New password (to be changed at next sign-in)',
    wasReset: 'Password reset', events: 'Sign-in attempts', outcome: 'Outcome', from: 'From', agent: 'Browser', initialPassword: 'Initial password',
  },
  audit: {
    lead: 'Lead service', project: 'Project service', supervision: 'Supervision', recordId: 'Record id', who: 'Who', operation: 'Change', method: 'What was done', system: 'The system',
    tables: {
      leads: 'Leads', enterprises: 'Enterprises', activities: 'Activities', follow_ups: 'Follow-ups', referrers: 'Referrers', projects: 'Projects',
      ledger_entries: 'Ledger', funds: 'Funds', enterprise_requests: 'Requests', units: 'Units', tasks: 'Tasks', sanctions: 'Sanctions', snapshots: 'Snapshots',
    },
  },
}
export default en
