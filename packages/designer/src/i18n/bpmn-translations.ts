import communityZh from 'bpmn-js-i18n/translations/zn.js';

/**
 * Chinese for the strings bpmn-js, diagram-js and the properties panel show: the community table
 * from `bpmn-js-i18n`, plus the panel's own labels and the terms Chinese government process
 * designers use (排他网关, 开始事件 …), which take precedence.
 */
const ours: Readonly<Record<string, string>> = {
  'Exclusive gateway': '排他网关',
  'Create task': '创建任务',
  'Create gateway': '创建网关',
  'Create expanded sub-process': '创建子流程（展开）',
  'Create intermediate/boundary event': '创建中间/边界事件',
  'Activate hand tool': '抓手工具',
  'Activate lasso tool': '套索工具',
  'Activate create/remove space tool': '创建/删除空间工具',
  'Activate global connect tool': '全局连线工具',
  'Append task': '追加任务',
  'Append gateway': '追加网关',
  'Append end event': '追加结束事件',
  'Connect to other element': '连线到其他元素',
  'Connect using sequence/message flow or association': '连线（顺序流/消息流/关联）',
  'Change element': '更改元素类型',
  'Change type': '更改类型',
  Delete: '删除',
  'Terminate end event': '终止结束事件',
  'Search in diagram': '在图中搜索',
  General: '常规',
  Name: '名称',
  ID: '标识',
  Documentation: '文档',
  'Element documentation': '元素说明',
  'Process documentation': '流程说明',
  Executable: '可执行',
  'Version tag': '版本标签',
  'Multi-instance': '多实例',
  'Loop cardinality': '循环基数',
  'Completion condition': '完成条件',
  Timer: '计时器',
  Type: '类型',
  Value: '值',
  Date: '日期',
  Duration: '时长',
  Cycle: '周期',
  Message: '消息',
  'Global message reference': '全局消息引用',
  'Create new ...': '新建…',
  '<none>': '<无>',
  Condition: '条件',
  'Condition expression': '条件表达式',
  Error: '错误',
  'Global error reference': '全局错误引用',
  Code: '代码',
  Signal: '信号',
  Link: '链接',
  Escalation: '升级',
  'ID must be unique.': '标识必须唯一。',
  'ID must not be empty.': '标识不能为空。',
  'ID must not contain spaces.': '标识不能包含空格。',
  'ID must be a valid QName.': '标识必须是合法的 QName。',
  'A time duration defined as ISO 8601 durations format.': 'ISO 8601 格式的时长。',
  'A specific point in time defined as ISO 8601 combined date and time representation.':
    'ISO 8601 格式的日期时间。',
  'A cycle defined as ISO 8601 repeating intervals format.': 'ISO 8601 重复间隔格式的周期。',
  // Properties panel header: the element type in title case.
  'User Task': '用户任务',
  'Service Task': '服务任务',
  Task: '任务',
  'Exclusive Gateway': '排他网关',
  'Parallel Gateway': '并行网关',
  'Inclusive Gateway': '包容网关',
  'Start Event': '开始事件',
  'End Event': '结束事件',
  'Terminate End Event': '终止结束事件',
  'Error End Event': '错误结束事件',
  'Sequence Flow': '顺序流',
  'Sub Process': '子流程',
  'Timer Intermediate Catch Event': '定时中间捕获事件',
  'Message Intermediate Catch Event': '消息中间捕获事件',
  'Timer Boundary Event': '定时边界事件',
  'Message Boundary Event': '消息边界事件',
  'Error Boundary Event': '错误边界事件',
  Collaboration: '协作',
  Lane: '泳道',
  'Open minimap': '打开小地图',
  'Close minimap': '关闭小地图',
  Participant: '参与者',
  Process: '流程',
};

/** bpmn-js strings in Chinese, keyed by the English template. */
export const bpmnZh: Readonly<Record<string, string>> = { ...communityZh, ...ours };

/** Fills `{name}` placeholders the way diagram-js' default translate does. */
export function fillTemplate(template: string, replacements: Readonly<Record<string, string>> = {}): string {
  return template.replace(/{([^}]+)}/g, (_whole, key: string) => replacements[key] ?? `{${key}}`);
}
