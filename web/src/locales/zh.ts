// 界面用语（中文）。枚举值和单位名称不在这里，见 labels/。
export default {
  app: { title: '招商引资工作平台', bureau: '区投资促进局', changePassword: '修改密码', signOut: '退出登录' },
  nav: {
    workbench: '工作台', cockpit: '驾驶舱', leads: '全部线索', projects: '项目台账', requests: '企业诉求',
    supervision: '督查督导', duplicates: '查重合并', reports: '统计报表', accounts: '账号管理', audit: '操作留痕',
  },
  common: {
    add: '添加', all: '全部', cancel: '取消', confirm: '确定', content: '内容', date: '日期', kind: '类型',
    next: '下一页', previous: '上一页', none: '暂无', note: '备注', page: '第 {n} 页', save: '保存', saved: '已保存',
    search: '查询', title: '名称', total: '共 {n} 条', updated: '更新于',
  },
  errors: {
    denied: '无权查看此记录。', notFound: '记录不存在。', reload: '重新加载', reloaded: '已加载最新记录，您填写的内容仍保留，请核对后再提交。',
    staleBody: '该记录已被他人修改。重新加载最新记录后再提交？您填写的内容会保留。', staleTitle: '记录已变更',
    fields: '填写的内容有误，请按标出的提示修改。', network: '无法连接服务器，请检查网络后重试（已填写的内容不会丢失）。',
    code: {
      OK: '成功', CANCELLED: '操作已取消。', UNKNOWN: '系统出错，请稍后重试或联系管理员。', INVALID_ARGUMENT: '填写的内容有误，请核对。',
      DEADLINE_EXCEEDED: '服务响应超时，请稍后重试（已填写的内容不会丢失）。', NOT_FOUND: '记录不存在。', ALREADY_EXISTS: '记录已存在。',
      PERMISSION_DENIED: '无权办理此事项。', RESOURCE_EXHAUSTED: '操作过于频繁，请稍后再试。', FAILED_PRECONDITION: '记录当前的状态不允许此操作。',
      ABORTED: '该记录已被他人修改，请重新加载后再提交。', OUT_OF_RANGE: '超出允许的范围。', UNIMPLEMENTED: '暂不支持此操作。',
      INTERNAL: '系统出错，请稍后重试或联系管理员。', UNAVAILABLE: '服务暂时不可用，请稍后重试（已填写的内容不会丢失）。',
      DATA_LOSS: '系统出错，请联系管理员。', UNAUTHENTICATED: '登录已失效，请重新登录。',
    },
    reason: {
      ACCOUNT_DISABLED: '账号已停用，请联系管理员。', ACCOUNT_EXISTS: '该用户名已被使用。', ACCOUNT_LOCKED: '密码错误次数过多，账号已暂时锁定，请稍后再试。',
      DEMO_ACCOUNTS_NOT_ALLOWED: '本系统不允许创建演示账号。', ENTERPRISE_CREDIT_CODE_EXISTS: '该统一社会信用代码已登记为另一家企业。',
      ENTERPRISE_MERGED: '该企业已并入另一家企业，请选择合并后的企业。', INVALID_CREDENTIALS: '用户名或密码不正确。',
      LEAD_MERGED: '该线索已并入另一条线索。', LEAD_NOT_MERGEABLE: '这两条线索不能合并。',
      LEAD_NOT_OPEN: '该线索已转化、放弃或合并，不能再办理。', LEADER_EXISTS: '该领导已登记。',
      NO_MEASURES: '签约前须先在台账中登记至少一项措施。', PROJECT_DROPPED: '项目已终止。', UNIT_EXISTS: '该单位已登记。',
      WRONG_PASSWORD: '原密码不正确。',
    },
    problem: {
      checkCharacter: '校验码不符', password: '不符合密码规则', mismatch: '不正确', same: '须与原密码不同', required: '必填',
      date: '日期应为 年-月-日', beforeStart: '不能早于开始日期', positive: '应为正数', tooLong: '内容过长', choose: '请从列表中选择',
      range: '超出允许的范围', invalid: '填写有误',
    },
  },
  history: {
    leadRecorded: '登记线索', firstFollowUp: '有了第一条跟进记录', convertedTo: '转为项目 #{id}', converted: '转为项目',
    mergedInto: '并入线索 #{id}', merged: '并入另一条线索', carriedInto: '转入 {year} 年续建', fromLead: '由线索 #{id} 转化',
    projectRecorded: '直接登记的项目',
    moved: {
      follow_ups: '跟进记录 {n} 条', status_history: '状态记录 {n} 条', deadlines_met: '已完成时限 {n} 项', fields: '补充信息 {n} 项',
      leads: '线索 {n} 条', projects: '项目 {n} 个', activity_contacts: '活动联系企业 {n} 次', referrers: '推荐人 {n} 位',
    },
    separator: '；',
  },
  import: {
    title: '导入表格', kind: '导入内容', template: '下载模板（.xlsx）', file: '文件', choose: '选择文件',
    hint: '.xlsx 或 CSV（UTF-8、GBK 均可），最多 10,000 行；表头按模板或常用名称（项目名称、企业名称、预计投资（万元）……）。',
    allowSimilar: '表中企业与已有企业名称相近时，仍按新企业登记（确认是不同的企业）',
    check: '校验（不导入）', confirm: '确认导入 {n} 行', progress: '已处理 {done} / {total} 行',
    checked: '共 {total} 行：{ok} 行可以导入，{existing} 行此前已导入，{refused} 行有问题', imported: '已导入 {ok} 行，{existing} 行此前已导入，{refused} 行未导入',
    unknownColumns: '以下列不会导入：{names}', refusedStay: '有问题的行不会导入；改正表格后可再次导入，已导入的行不会重复。',
    line: '行号', outcome: '结果', problems: '问题', open: '查看', toLeads: '到工作台查看线索',
  },
  signIn: {
    subtitle: '区投资促进局 · 责任单位 · 驻外招商办事处 · 县级领导', userName: '用户名', password: '密码', submit: '登录',
    needUser: '请输入用户名', needPassword: '请输入密码', failed: '登录失败',
  },
  password: {
    old: '原密码', new: '新密码', repeat: '再次输入新密码', needOld: '请输入原密码', needNew: '请输入新密码',
    tooShort: '至少 10 个字符', mismatch: '两次输入不一致', changed: '密码已修改，请重新登录',
    required: '首次登录或密码被重置后，须先修改密码。',
    policy: '密码 10–128 个字符，至少包含小写字母、大写字母、数字、其他字符中的三类，且不能包含用户名。',
  },
  workbench: {
    title: '{unit} · 工作台', record: '登记走访与线索', import: '导入表格', myLeads: '我的线索', due: '待跟进（已逾期）', nothingDue: '没有逾期的线索',
    progress: '目标完成情况（{from} 至 {to}）', rank: '排名', projects: '由我的线索转化的项目',
  },
  record: {
    title: '登记走访、企业与线索', visit: '走访活动', enterprise: '企业', lead: '招商线索', done: '已保存', existing: '已有企业',
    needTitle: '请填写活动名称', needEnterprise: '请填写或选择企业', needLeadTitle: '请填写线索名称', needInvestment: '请填写预计投资额（万元）',
    saved: '已登记', similar: '已有名称相近的企业：{names}。如为同一企业，请从下拉列表中选择，避免重复登记。',
  },
  activity: { kind: '活动类型', title: '活动名称', dates: '起止日期', destination: '地点', leader: '带队领导' },
  enterprise: {
    name: '企业名称', creditCode: '统一社会信用代码', type: '企业类型', industry: '所属产业', region: '所在地区', contact: '联系人', phone: '联系电话',
    codeTyping: '已输入 {n}/18 位', codeCharacter: '第 {position} 位“{character}”不是有效字符（不使用 I、O、S、V、Z）',
    codeLength: '应为 18 位，现为 {n} 位', codeCheck: '校验码不符，按前 17 位应为“{expected}”',
  },
  lead: {
    title: '线索名称', status: '状态', investment: '预计投资', investmentWan: '预计投资额（万元）', nextDeadline: '下一时限', overdue: '已逾期',
    channel: '招商方式', industry: '产业', chainAction: '链条作用', owner: '跟进责任人', description: '情况说明', collector: '收集单位',
    collected: '收集日期', updated: '最近更新', deadlines: '办理时限', deadlineKind: '事项', due: '期限', met: '完成时间',
    addFollowUp: '添加跟进记录', timeline: '跟进记录', convert: '转为项目', drop: '放弃线索', dropReason: '放弃原因', droppedDate: '放弃日期',
    project: '查看项目', converted: '已转为在谈项目', convertHint: '转为在谈项目后，企业、产业默认取自线索。',
  },
  project: {
    name: '项目名称', stage: '阶段', investment: '总投资', paidIn: '到位资金', chain: '链条', unit: '责任单位', park: '载体园区',
    leader: '分包领导', commander: '指挥长', person: '专人负责', team: '专班服务', signedDate: '签约日期', startedDate: '开工日期',
    completedDate: '竣工投产日期', plannedStart: '计划开工日期', signedInvestment: '签约投资额（万元）', signedAt: '签约活动编号（可选）',
    activityIdHint: '在节会、外出招商活动中签约时填写', dropReason: '终止原因', negotiationDate: '开始洽谈日期', fromLead: '查看来源线索', timeline: '阶段变更',
    ledger: '台账（进展 / 措施 / 困难）', funds: '到位资金', amount: '金额', amountWan: '金额（万元）', requests: '企业诉求',
    staleOnly: '台账 30 天未更新', moved: '已办理', needsMeasure: '签约前须在台账中登记至少一条“措施”。',
    move: { negotiate: '转入在谈', sign: '签约', schedule: '拟开工', start: '开工', complete: '竣工投产', drop: '终止' },
    needs: {
      negotiate: '推介项目进入在谈阶段。', sign: '需要：台账中已有措施；签约日期；签约投资额（大于 0）。',
      schedule: '需要：计划开工日期。', start: '需要：开工日期（不能早于签约日期，不能晚于今天）。',
      complete: '需要：竣工投产日期。', drop: '需要：终止原因。',
    },
  },
  request: {
    category: '类别', content: '诉求内容', unit: '责任单位', workingDays: '个工作日内办结', agency: '代理代办', raise: '登记诉求',
    state: '状态', due: '办结期限', overdue: '已逾期', project: '项目', raised: '提出日期', start: '开始办理', settle: '办结',
    reject: '不予办理', resolution: '办理结果', reason: '原因',
  },
  progress: { rank: '排名', unit: '单位', score: '得分' },
  period: { month: '月', quarter: '季度', half: '半年', year: '年' },
  cockpit: {
    title: '驾驶舱', target: '目标', mom: '环比', yoy: '同比', bulletin: '动态通报', trend: '月度走势', ranking: '单位排名（得分）',
    byIndustry: '按产业', byChain: '开工项目投资（按链条作用，亿元）', myProjects: '我分包、指挥的项目', overdueRequests: '逾期诉求 {n} 件',
    flags: '提示', stale: '台账未更新',
  },
  reports: { breakdowns: '分组维度', xlsx: '下载 Excel', csv: '下载 CSV', figures: '主要指标', figure: '指标', count: '数量' },
  supervision: {
    progress: '目标进度', targets: '目标任务', snapshots: '周汇总与月排序', bulletins: '动态通报', tasks: '督办事项', sanctions: '奖惩',
    metric: '指标', yearly: '全年目标', publishWeekly: '发布周汇总', publishMonthly: '发布月排序', period: '期间', published: '发布',
    generate: '生成通报', taskTitle: '督办事项', required: '工作要求', complete: '办结', done: '已办结', points: '分值',
  },
  duplicates: {
    leads: '疑似重复线索', enterprises: '疑似重复企业', first: '记录一', second: '记录二', why: '依据', keepFirst: '保留记录一',
    keepSecond: '保留记录二', merge: '合并', reason: '合并原因', merged: '已合并', history: '合并记录', survivor: '保留', duplicate: '并入', moved: '迁移内容',
  },
  accounts: {
    create: '新建账号', displayName: '姓名', kind: '身份', where: '所在单位', active: '状态', on: '启用', off: '停用',
    lastSignIn: '最近登录', disable: '停用', enable: '启用', reset: '重置密码', newPassword: '新密码（用户下次登录须修改）',
    wasReset: '密码已重置', events: '登录记录', outcome: '结果', from: '来源地址', agent: '浏览器', initialPassword: '初始密码',
  },
  audit: {
    lead: '线索服务', project: '项目服务', supervision: '督查服务', recordId: '记录编号', who: '操作人', operation: '操作', method: '事项', system: '系统',
    tables: {
      leads: '线索', enterprises: '企业', activities: '活动', follow_ups: '跟进记录', referrers: '推荐人', projects: '项目',
      ledger_entries: '台账', funds: '到位资金', enterprise_requests: '企业诉求', units: '单位', tasks: '督办事项', sanctions: '奖惩', snapshots: '汇总排序',
    },
  },
}
