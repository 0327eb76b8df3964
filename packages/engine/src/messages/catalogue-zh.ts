import type { MessageCode } from './codes.js';

/**
 * 中文消息：引擎诊断与命令错误，按稳定代码索引。`{name}` 为参数；`[[…]]` 中的参数缺失时整段省略。
 * 用属性面板的字段名（如“办理部门”），不用 XML 属性名，便于流程设计人员对照修改。
 */
export const ZH: Readonly<Record<MessageCode, string>> = {
  // 诊断：导入与编译
  MALFORMED_XML: '文件不是有效的 BPMN XML，无法读取。请用设计器重新保存，或检查文件是否完整。',
  NO_PROCESS: '文件中没有流程（bpmn:process）。请新建流程，或确认流程有编号。',
  MULTIPLE_PROCESSES: '文件中有多个流程；一个事项只对应一个流程，请只保留一个。',
  UNSUPPORTED_ELEMENT:
    '{element}：通办不支持此类元素。请改用支持的元素（任务、网关、计时器、消息事件、子流程）。',
  UNSUPPORTED_EVENT_DEFINITION: '{element}：通办不支持此类事件。请改用计时器或消息事件。',
  UNSUPPORTED_ATTRIBUTE: '{element}：[[“{field}”]]属性不适用于此元素，已被忽略。',
  MISSING_TARGET: '{element}：连线没有终点。请把连线连到下一个环节。',
  MISSING_SOURCE: '{element}：连线没有起点。请从上一个环节连出。',
  NO_START_EVENT: '流程没有开始事件。请从工具栏放置一个开始事件。',
  MULTIPLE_START_EVENTS: '{element}：流程只能有一个开始事件，请删除多余的。',
  NO_END_EVENT: '流程没有结束事件。请在最后一个环节后追加结束事件。',
  UNREACHABLE_NODE: '{element}：从开始事件走不到这里。请用连线把它接入流程，或删除它。',
  DEAD_END: '{element}：流程走到这里就停住了。请连出一条连线，或追加结束事件。',
  UNSTRUCTURED_GATEWAY: '{element}：分支与汇合不成对。每个拆分网关要有同类型的汇合网关与之对应。',
  LOOP_WITHOUT_WAIT: '{element}：退回的回路上没有任何任务，会无限循环。请在回路上放一个任务。',
  BAD_LOOP_TARGET: '{element}：连线跳进了另一个并联分支的中间。退回只能回到并联阶段之外的环节。',
  MIXED_GATEWAY: '{element}：同一个网关既汇合又拆分。请用一个网关汇合、另一个网关拆分。',
  MISSING_CONDITION:
    '{element}：这条分支没有条件。请在“条件（FEEL）”中填写，如 =outcome = "approve"，或把它设为默认流。',
  BAD_CONDITION: '{element}：条件写法有误。请检查“条件（FEEL）”，如 =outcome = "approve"。',
  BAD_DEFAULT_FLOW: '{element}：默认流设置有误。默认流须是该网关连出的一条连线。',
  MISSING_DEPARTMENT:
    '{element}：没有指定办理部门。请在属性面板“办理部门”中选择[[（可用流程中的泳道“{proposal}”）]]，或把任务放进以部门命名的泳道。',
  DEPARTMENT_INFERRED:
    '{element}：办理部门取自{source}[[（泳道 {lane}）]]：{department}。如不对，请在“办理部门”中改正。',
  AMBIGUOUS_DEPARTMENT:
    '{element}：{source} 列出了多个组（{groups}）；通办的任务只属于一个部门。请只保留一个，在“办理部门”中指定，或把任务放进以部门命名的泳道。',
  TASK_READ_AS_USER_TASK:
    '{element}：这个 {type} 按 {department} 的人工任务办理。如由程序完成，请改为服务任务；否则建议改为用户任务。',
  JUEL_TRANSLATED: '{element}：JUEL 条件 {juel} 已转写为 FEEL：{feel}。请核对，并建议直接写 FEEL。',
  JUEL_UNSUPPORTED:
    '{element}：{juel} 是通办不能转写的 JUEL（{reason}）。通办不支持 JUEL，请在“条件（FEEL）”中改写[[，如 {feel}]]。',
  HANDLER_INFERRED:
    '{element}：服务处理器取自 {attribute}（{value}）：{handler}。宿主程序须以此名称注册处理器，或在“服务处理器”中改写。',
  MULTI_INSTANCE_OVER_PEOPLE:
    '{element}：这个任务按人员多实例运行（{runs}，会签）。通办的多实例按部门运行；同一部门内多人签署，请指定办理部门，并在“部门内决定方式”与“经办人”中设置[[（{department} 已按 {mode} 办理）]]。',
  BAD_ROLE: '{element}：角色无效。请在“角色”中选择牵头部门或协办部门。',
  BAD_TIME_LIMIT:
    '{element}：[[“{field}”]]填写有误。请填写非负整数（可选单位：工作日、自然日、小时、工作小时）；不足一天的时限请改用工作小时。',
  BAD_TIMER: '{element}：计时器时长有误。请填写 ISO 8601 时长，如 P5D（5 个工作日）。',
  MISSING_MESSAGE: '{element}：消息事件没有指定消息。请为它选择或新建一个消息，如“补正材料”。',
  MISSING_HANDLER: '{element}：服务任务没有处理器。请在“服务处理器”中填写宿主程序提供的处理器名称。',
  BAD_MULTI_INSTANCE:
    '{element}：并联会签设置有误。多实例任务须在“并联协办部门”或“部门列表变量”中给出部门，并带多实例标记（|||）。',
  BAD_DECISION_MODE: '{element}：[[“{field}”]]设置有误。请检查部门内决定方式、经办人与通过比例。',
  BAD_BOUNDARY: '{element}：边界事件设置有误。边界事件须附着在任务或子流程上，且不能有连入的连线。',
  BAD_MATTER: '[[“{field}”]]填写有误。请检查事项编码、办件类型、时限与延期上限。',
  UNKNOWN_CALENDAR: '{element}：工作日历“{calendar}”不存在。请留空使用默认日历，或填写已载入的日历名称。',
  DUPLICATE_ID: '{element}：编号重复。请给每个元素不同的编号。',
  BAD_ID: '文件中有无法读取的元素编号。编号须以字母或下划线开头，只含字母、数字、下划线、连字符和点。',
  DOCTYPE: '文件声明了 DOCTYPE，出于安全原因不予读取。请删除 <!DOCTYPE …> 一行。',
  BAD_ENCODING: '文件编码无法识别。请另存为 UTF-8。',
  LIMIT_EXCEEDED: '[[{element}：]]模型或条件超出了引擎的规模上限。请拆分流程或简化条件。',
  IMPORT_FAILED: '导入时出现内部错误（通办的缺陷，并非模型的问题）。请附上文件报告此问题。',
  COMPILE_FAILED: '编译时出现内部错误（通办的缺陷，并非模型的问题）。请附上文件报告此问题。',
  // 诊断：领域检查（警告）
  LIMITS_EXCEED_PROMISE:
    '{element}：沿此路径各环节时限之和为 {total} 个工作日，超过事项承诺办结时限 {promised} 个工作日。请缩短环节时限或调整承诺时限。',
  STAGE_LEADS: '{element}：并联阶段有 {leads} 个牵头部门任务；一个并联阶段应当恰有一个牵头部门（一家牵头）。',
  CO_STAGE_NO_LIMIT:
    '{element}：协办环节没有环节时限，协办部门的办理期限无从计算。请在“环节时限”中填写，如 7 个工作日。',
  // 命令错误
  BAD_COMMAND: '命令写法有误[[：{detail}]]。',
  NO_CASE: '没有这个办件[[（{caseId}）]]。',
  CASE_EXISTS: '办件[[ {caseId} ]]已存在。',
  CASE_ENDED: '办件已结束，不能再办理。',
  DEFINITION_MISMATCH: '办件所用的流程版本与此不符。',
  TASK_NOT_OPEN: '{element}：该环节不是待办状态。',
  WRONG_DEPARTMENT: '{element}：只有本环节的办理部门可以办理。',
  NOT_A_SERVICE_TASK: '{element}：这不是服务任务。',
  UNKNOWN_TIMER: '没有这个计时器。',
  MESSAGE_NOT_EXPECTED: '办件此时不在等待这个消息[[（{name}）]]。',
  NO_MATCHING_FLOW: '{element}：没有一条分支的条件成立，且没有默认流。请设置默认流，或检查条件与流程变量。',
  FORBIDDEN: '无权执行此操作。',
  WRONG_CASE_STATE: '办件当前状态下不能执行此操作。',
  WRONG_ASSIGNEE: '{element}：该环节已由他人签收或指派给他人。',
  RECALL_TOO_LATE: '{element}：下一环节已开始办理，不能撤回。',
  NOT_YOUR_TURN: '{element}：依次签署，尚未轮到此人。',
  BEFORE_LAST_EVENT: '命令的时间早于办件最后一条记录的时间。',
  // 其他错误
  BAD_SNAPSHOT: '办件快照已损坏，拒绝读取。',
  UNKNOWN_SNAPSHOT_SCHEMA: '办件快照的格式版本无法识别。',
  BAD_SCENARIO: '试运行脚本写法有误。',
  STEP_REFUSED: '试运行脚本中的一步被拒绝。',
  BAD_WORKLIST_QUERY: '待办查询条件有误。',
  BAD_CASE_QUERY: '办件查询条件有误。',
  SERVICE_ERROR: '服务任务的处理器报告了错误[[（{errorCode}）]]。',
  UNKNOWN_CASE: '没有这个办件。',
  UNKNOWN_DEFINITION: '没有这个流程版本，请先部署。',
  NO_HANDLER: '没有注册此服务任务所需的处理器。',
  BAD_ACCOUNTABILITY_RULE: '问责规则写法有误。',
  CLOCK_STATE: '计时状态不允许此操作（例如未挂起时恢复）。',
  EXTENSION_CAP:
    '已延期 {alreadyExtended} 个工作日，再延期 {requested} 个工作日将超过本事项的延期上限 {cap} 个工作日（行政许可法第四十二条）。',
  BAD_EXPRESSION: '条件表达式有误。',
  EXPRESSION_LIMIT: '条件表达式超出了规模上限。',
  CALENDAR_HORIZON:
    '节假日数据只覆盖 {firstYear}–{lastYear} 年，无法计算 {date} 所在年份的工作日。请载入该年的机构节假日（日历覆盖文件），或按暂定结果（只排除周末）计算。',
  CALENDAR_INPUT: '日期或天数写法有误，请写成 YYYY-MM-DD 与整数。',
  BAD_CALENDAR_OVERLAY: '日历覆盖文件的格式有误。',
  DEFINITION_HASH_MISMATCH: '流程定义的校验值不符，可能已被改动。',
  DEFINITION_INVALID: '流程定义无效。',
};
