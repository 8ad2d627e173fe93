// Chinese and English labels for every enum of the contract that a person
// reads, and for the few string codes the services use as keys (duplicate
// reasons, bulletin reasons, investment bands, record kinds). Types in
// ./contract.ts tie each table to the enum in the OpenAPI document, so a
// value added to a .proto without a label here fails the build.

/** [Chinese, English]. */
export type Pair = readonly [string, string]

export const industry = {
  INDUSTRY_UNSPECIFIED: ['未填写', 'Not given'],
  INDUSTRY_COMMERCE_LOGISTICS: ['商贸物流', 'Commerce & logistics'],
  INDUSTRY_MEDICAL_DEVICES: ['医疗器械', 'Medical devices'],
  INDUSTRY_ELECTRONIC_INFORMATION: ['电子信息', 'Electronic information'],
  INDUSTRY_OTHER: ['其他', 'Other'],
} as const

export const chainAction = {
  CHAIN_ACTION_UNSPECIFIED: ['未填写', 'Not given'],
  CHAIN_ACTION_FILL_GAP: ['补链', 'Fill a gap'],
  CHAIN_ACTION_EXTEND: ['延链', 'Extend'],
  CHAIN_ACTION_STRENGTHEN: ['强链', 'Strengthen'],
} as const

export const enterpriseType = {
  ENTERPRISE_TYPE_UNSPECIFIED: ['未填写', 'Not given'],
  ENTERPRISE_TYPE_BASE: ['基地型', 'Base'],
  ENTERPRISE_TYPE_DRAGON_HEAD: ['龙头型', 'Dragon-head'],
  ENTERPRISE_TYPE_GROUP: ['集团型', 'Group'],
  ENTERPRISE_TYPE_OTHER: ['其他', 'Other'],
} as const

export const channel = {
  CHANNEL_UNSPECIFIED: ['未填写', 'Not given'],
  CHANNEL_SMALL_TEAM: ['小分队招商', 'Small team'],
  CHANNEL_BUSINESS_BRINGS_BUSINESS: ['以商招商', 'Business brings business'],
  CHANNEL_INDUSTRIAL_CHAIN: ['产业链招商', 'Industrial chain'],
  CHANNEL_ENTRUSTED_AGENCY: ['委托招商', 'Entrusted agency'],
  CHANNEL_SPECIALISED_PARK: ['专业园区招商', 'Specialised park'],
  CHANNEL_KINSHIP: ['亲情招商', 'Kinship ties'],
  CHANNEL_RESIDENT_OFFICE: ['驻地招商', 'Resident office'],
  CHANNEL_FAIR: ['节会招商', 'Fair'],
} as const

export const groupBy = {
  GROUP_BY_UNSPECIFIED: ['合计', 'Total'],
  GROUP_BY_UNIT: ['按责任单位', 'By unit'],
  GROUP_BY_OFFICE: ['按办事处', 'By office'],
  GROUP_BY_INDUSTRY: ['按产业', 'By industry'],
  GROUP_BY_CHANNEL: ['按招商方式', 'By channel'],
  GROUP_BY_STAGE: ['按阶段', 'By stage'],
  GROUP_BY_MONTH: ['按月份', 'By month'],
  GROUP_BY_PARK: ['按载体园区', 'By park'],
  GROUP_BY_LEADER: ['按分包领导', 'By leader'],
  GROUP_BY_CHAIN_ACTION: ['按链条作用', 'By chain action'],
  GROUP_BY_INVESTMENT_BAND: ['按投资规模', 'By investment band'],
  GROUP_BY_ACTIVITY_KIND: ['按活动类型', 'By activity kind'],
  GROUP_BY_ACTIVITY: ['按签约活动', 'By signing event'],
} as const

export const activityKind = {
  ACTIVITY_KIND_UNSPECIFIED: ['未填写', 'Not given'],
  ACTIVITY_KIND_OUTBOUND_TRIP: ['外出招商', 'Outbound trip'],
  ACTIVITY_KIND_MERCHANT_VISIT: ['客商来访', 'Merchant visit'],
  ACTIVITY_KIND_FAIR: ['节会', 'Fair'],
} as const

export const leadStatus = {
  LEAD_STATUS_UNSPECIFIED: ['未知', 'Unknown'],
  LEAD_STATUS_NEW: ['新线索', 'New'],
  LEAD_STATUS_FOLLOWING: ['跟进中', 'Following'],
  LEAD_STATUS_CONVERTED: ['已转化', 'Converted'],
  LEAD_STATUS_DROPPED: ['已放弃', 'Dropped'],
  LEAD_STATUS_MERGED: ['已合并', 'Merged'],
} as const

export const deadlineKind = {
  KIND_UNSPECIFIED: ['时限', 'Deadline'],
  KIND_RESPOND: ['明确跟进人', 'Name an owner'],
  KIND_ASSESS: ['研判评估', 'Assess'],
  KIND_REFERRER_FEEDBACK: ['反馈推荐人', 'Feed back to referrer'],
  KIND_PROGRESS_REPORT: ['报告进展', 'Report progress'],
} as const

export const followUpKind = {
  KIND_UNSPECIFIED: ['其他', 'Other'],
  KIND_CONTACT: ['对接洽谈', 'Contact'],
  KIND_ASSESSMENT: ['研判评估', 'Assessment'],
  KIND_REFERRER_FEEDBACK: ['反馈推荐人', 'Referrer feedback'],
  KIND_PROGRESS: ['进展报告', 'Progress report'],
} as const

export const referrerKind = {
  KIND_UNSPECIFIED: ['未填写', 'Not given'],
  KIND_AMBASSADOR: ['招商大使', 'Ambassador'],
  KIND_ENTRUSTED_AGENCY: ['委托招商机构', 'Entrusted agency'],
} as const

export const mergeKind = {
  KIND_UNSPECIFIED: ['全部', 'All'],
  KIND_ENTERPRISE: ['企业', 'Enterprise'],
  KIND_LEAD: ['线索', 'Lead'],
} as const

export const stage = {
  STAGE_UNSPECIFIED: ['未知', 'Unknown'],
  STAGE_PROMOTED: ['推介', 'Promoted'],
  STAGE_NEGOTIATING: ['在谈', 'Negotiating'],
  STAGE_SIGNED: ['签约', 'Signed'],
  STAGE_TO_START: ['拟开工', 'To start'],
  STAGE_STARTED: ['开工', 'Started'],
  STAGE_CONTINUING: ['续建', 'Continuing'],
  STAGE_COMPLETED: ['竣工投产', 'Completed'],
  STAGE_DROPPED: ['终止', 'Dropped'],
} as const

export const transitionKind = {
  KIND_UNSPECIFIED: ['变更', 'Change'],
  KIND_STAGE_CHANGE: ['阶段变更', 'Stage change'],
  KIND_CAPITAL_INCREASE: ['增资', 'Capital increase'],
  KIND_INVESTOR_CHANGE: ['投资方变更', 'Investor change'],
  KIND_RESIGNING: ['再次签约', 'Re-signing'],
  KIND_YEAR_ROLLOVER: ['转入续建', 'Carried into new year'],
} as const

export const ledgerKind = {
  KIND_UNSPECIFIED: ['其他', 'Other'],
  KIND_PROGRESS: ['进展', 'Progress'],
  KIND_MEASURE: ['措施', 'Measure'],
  KIND_DIFFICULTY: ['困难问题', 'Difficulty'],
} as const

export const requestState = {
  REQUEST_STATE_UNSPECIFIED: ['未知', 'Unknown'],
  REQUEST_STATE_OPEN: ['待办理', 'Open'],
  REQUEST_STATE_IN_PROGRESS: ['办理中', 'In progress'],
  REQUEST_STATE_SETTLED: ['已办结', 'Settled'],
  REQUEST_STATE_REJECTED: ['不予办理', 'Rejected'],
} as const

export const unitKind = {
  UNIT_KIND_UNSPECIFIED: ['未知', 'Unknown'],
  UNIT_KIND_TOWN: ['乡镇办', 'Town / sub-district'],
  UNIT_KIND_PARK: ['园区', 'Park'],
  UNIT_KIND_DEPARTMENT: ['区直单位', 'District department'],
  UNIT_KIND_REMOTE_OFFICE: ['驻外招商办事处', 'Remote office'],
  UNIT_KIND_SMALL_TEAM: ['小分队', 'Small team'],
} as const

export const leadershipBody = {
  LEADERSHIP_BODY_UNSPECIFIED: ['未知', 'Unknown'],
  LEADERSHIP_BODY_PARTY_COMMITTEE: ['区委', 'Party committee'],
  LEADERSHIP_BODY_PEOPLES_CONGRESS: ['人大', "People's congress"],
  LEADERSHIP_BODY_GOVERNMENT: ['政府', 'Government'],
  LEADERSHIP_BODY_CPPCC: ['政协', 'CPPCC'],
} as const

export const metric = {
  METRIC_UNSPECIFIED: ['未知', 'Unknown'],
  METRIC_OUTBOUND_TRIPS: ['外出招商', 'Outbound trips'],
  METRIC_MERCHANT_VISITS: ['客商来访', 'Merchant visits'],
  METRIC_LEADS: ['招商线索', 'Leads'],
  METRIC_SIGNED_PROJECTS: ['签约项目', 'Signed projects'],
  METRIC_SIGNED_INVESTMENT_WAN_YUAN: ['签约投资额', 'Signed investment'],
  METRIC_STARTED_PROJECTS: ['开工项目', 'Started projects'],
  METRIC_STARTED_INVESTMENT_WAN_YUAN: ['开工投资额', 'Started investment'],
} as const

export const snapshotKind = {
  KIND_UNSPECIFIED: ['全部', 'All'],
  KIND_WEEKLY_SUMMARY: ['每周汇总', 'Weekly summary'],
  KIND_MONTHLY_RANKING: ['月度排序', 'Monthly ranking'],
} as const

export const taskState = {
  TASK_STATE_UNSPECIFIED: ['未知', 'Unknown'],
  TASK_STATE_OPEN: ['办理中', 'Open'],
  TASK_STATE_DONE: ['已完成', 'Done'],
  TASK_STATE_CANCELLED: ['已撤销', 'Cancelled'],
} as const

export const sanctionKind = {
  KIND_UNSPECIFIED: ['未知', 'Unknown'],
  KIND_REWARD: ['奖励', 'Reward'],
  KIND_PENALTY: ['扣分', 'Penalty'],
} as const

export const figure = {
  FIGURE_UNSPECIFIED: ['未知', 'Unknown'],
  FIGURE_OUTBOUND_TRIPS: ['外出招商', 'Outbound trips'],
  FIGURE_MERCHANT_VISITS: ['客商来访', 'Merchant visits'],
  FIGURE_LEADS: ['招商线索', 'Leads collected'],
  FIGURE_SIGNED_PROJECTS: ['新签约项目', 'Newly signed projects'],
  FIGURE_CONTINUING_PROJECTS: ['在续建项目', 'Continuing projects'],
  FIGURE_STARTED_PROJECTS: ['开工项目', 'Projects started'],
  FIGURE_STARTED_GE_10YI: ['10亿元以上开工项目', 'Started ≥ 1 bn CNY'],
  FIGURE_STARTED_GE_1YI: ['亿元以上开工项目', 'Started ≥ 100 m CNY'],
  FIGURE_FUNDS_IN_PLACE: ['到位资金', 'Funds in place'],
} as const

export const exportFormat = {
  EXPORT_FORMAT_UNSPECIFIED: ['默认', 'Default'],
  EXPORT_FORMAT_CSV: ['CSV', 'CSV'],
  EXPORT_FORMAT_XLSX: ['Excel (.xlsx)', 'Excel (.xlsx)'],
} as const

// String codes the services use (documented on the contract's fields).

export const duplicateReason = {
  SAME_ENTERPRISE: ['同一企业', 'Same enterprise'],
  SAME_CREDIT_CODE: ['信用代码相同', 'Same credit code'],
  SAME_NORMALISED_NAME: ['名称相同', 'Same name'],
  SIMILAR_NAME: ['名称相近', 'Similar name'],
} as const

export const bulletinReason = {
  BEHIND_TARGET: ['进度滞后', 'Behind target'],
  OVERDUE_REQUEST: ['诉求逾期', 'Overdue request'],
  STALE_LEDGER: ['台账未更新', 'Stale ledger'],
  COMMENDED: ['通报表扬', 'Commended'],
  CRITICISED: ['通报批评', 'Criticised'],
} as const

export const investmentBand = {
  all: ['全部', 'All'],
  ge_1yi: ['亿元以上', '≥ 100 m CNY'],
  ge_10yi: ['10亿元以上', '≥ 1 bn CNY'],
} as const

export const recordKind = {
  activity: ['活动', 'Activity'],
  lead: ['线索', 'Lead'],
  project: ['项目', 'Project'],
  funds: ['到位资金', 'Funds'],
  capital_increase: ['增资', 'Capital increase'],
} as const

export const auditOperation = {
  INSERT: ['新增', 'Created'],
  UPDATE: ['修改', 'Changed'],
  DELETE: ['删除', 'Deleted'],
} as const

/** Keys every grouping may return besides its own values. */
export const specialKey = {
  total: ['合计', 'Total'],
  none: ['未填写', 'Not given'],
} as const

export const accountKind = {
  ACCOUNT_KIND_UNSPECIFIED: ['未知', 'Unknown'],
  ACCOUNT_KIND_BUREAU_ADMIN: ['招商局管理员', 'Bureau admin'],
  ACCOUNT_KIND_BUREAU_STAFF: ['招商局工作人员', 'Bureau staff'],
  ACCOUNT_KIND_UNIT_STAFF: ['责任单位工作人员', 'Unit staff'],
  ACCOUNT_KIND_OFFICE_STAFF: ['驻外办事处工作人员', 'Office staff'],
  ACCOUNT_KIND_LEADER: ['县级领导', 'Leader'],
} as const

export const signInOutcome = {
  SIGN_IN_OUTCOME_UNSPECIFIED: ['未知', 'Unknown'],
  SIGN_IN_OUTCOME_SUCCEEDED: ['成功', 'Succeeded'],
  SIGN_IN_OUTCOME_WRONG_PASSWORD: ['密码错误', 'Wrong password'],
  SIGN_IN_OUTCOME_UNKNOWN_USER: ['用户不存在', 'Unknown user'],
  SIGN_IN_OUTCOME_ACCOUNT_DISABLED: ['账号已停用', 'Account disabled'],
  SIGN_IN_OUTCOME_ACCOUNT_LOCKED: ['账号已锁定', 'Account locked'],
} as const

export const importOutcome = {
  OUTCOME_UNSPECIFIED: ['未知', 'Unknown'],
  OUTCOME_CREATED: ['已导入', 'Created'],
  OUTCOME_ALREADY_IMPORTED: ['此前已导入', 'Already imported'],
  OUTCOME_VALID: ['校验通过', 'Valid'],
  OUTCOME_REFUSED: ['未导入', 'Refused'],
} as const

export const importKind = {
  KIND_UNSPECIFIED: ['未知', 'Unknown'],
  KIND_LEADS: ['招商线索', 'Leads'],
  KIND_ACTIVITIES: ['招商活动', 'Activities'],
} as const

/**
 * The calls that change records, as the audit trail names them (the RPC's
 * method name): what a person did, in their words.
 */
export const auditMethod = {
  CreateEnterprise: ['登记企业', 'Recorded an enterprise'],
  UpdateEnterprise: ['修改企业', 'Changed an enterprise'],
  MergeEnterprises: ['合并企业', 'Merged enterprises'],
  CreateReferrer: ['登记推荐人', 'Recorded a referrer'],
  CreateActivity: ['登记活动', 'Recorded an activity'],
  UpdateActivity: ['修改活动', 'Changed an activity'],
  CreateLead: ['登记线索', 'Recorded a lead'],
  UpdateLead: ['修改线索', 'Changed a lead'],
  AddFollowUp: ['添加跟进记录', 'Added a follow-up'],
  ConvertLead: ['线索转为项目', 'Converted a lead'],
  DropLead: ['放弃线索', 'Dropped a lead'],
  UpdateLeadTimeLimits: ['修改办理时限', 'Changed the time limits'],
  MergeLeads: ['合并线索', 'Merged leads'],
  ImportLeads: ['导入线索', 'Imported leads'],
  ImportActivities: ['导入活动', 'Imported activities'],
  CreateProject: ['登记项目', 'Recorded a project'],
  UpdateProject: ['修改项目', 'Changed a project'],
  HandOverProject: ['移交项目', 'Handed a project over'],
  ConvertLeadToProject: ['线索转为在谈项目', 'Converted a lead to a project'],
  StartNegotiation: ['开始洽谈', 'Started negotiation'],
  SignProject: ['签约', 'Signed'],
  ScheduleStart: ['计划开工', 'Scheduled the start'],
  StartProject: ['开工', 'Started'],
  CompleteProject: ['竣工投产', 'Completed'],
  DropProject: ['终止项目', 'Dropped a project'],
  RollOverYear: ['年度结转', 'Rolled the year over'],
  MoveEnterpriseProjects: ['转移企业项目', "Moved an enterprise's projects"],
  RecordCapitalIncrease: ['登记增资', 'Recorded a capital increase'],
  ChangeInvestor: ['变更投资方', 'Changed the investor'],
  RecordResigning: ['登记再次签约', 'Recorded a re-signing'],
  RepairLeadConversions: ['修复线索转化', 'Repaired lead conversions'],
  AddLedgerEntry: ['添加台账', 'Added to the ledger'],
  RecordFunds: ['登记到位资金', 'Recorded funds'],
  CreateEnterpriseRequest: ['登记企业诉求', 'Recorded a request'],
  StartEnterpriseRequest: ['开始办理诉求', 'Started a request'],
  SettleEnterpriseRequest: ['办结诉求', 'Settled a request'],
  RejectEnterpriseRequest: ['驳回诉求', 'Rejected a request'],
  SetHolidays: ['设置节假日', 'Set the holidays'],
  CreateUnit: ['新建单位', 'Created a unit'],
  UpdateUnit: ['修改单位', 'Changed a unit'],
  CreateLeader: ['新建领导', 'Created a leader'],
  UpsertTargetCategory: ['设置目标类别', 'Set a target category'],
  SetUnitTargets: ['设置单位目标', 'Set unit targets'],
  PublishWeeklySummary: ['发布周报', 'Published a weekly summary'],
  PublishMonthlyRanking: ['发布月度排名', 'Published a monthly ranking'],
  CreateTask: ['下达督办任务', 'Created a task'],
  CompleteTask: ['完成督办任务', 'Completed a task'],
  SetScoringRules: ['设置计分规则', 'Set the scoring rules'],
  GenerateBulletin: ['生成通报', 'Generated a bulletin'],
  CreateBulletin: ['发布通报', 'Published a bulletin'],
  RecordSanction: ['登记奖惩', 'Recorded a reward or penalty'],
  CreateAccount: ['新建账号', 'Created an account'],
  UpdateAccount: ['修改账号', 'Changed an account'],
  ResetAccountPassword: ['重置密码', 'Reset a password'],
  ChangePassword: ['修改密码', 'Changed the password'],
  // A change no call made (the service's own follow-up work, e.g. confirming a conversion).
  system: ['系统自动处理', 'Done by the system'],
} as const
