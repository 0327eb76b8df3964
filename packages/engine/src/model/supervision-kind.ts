/**
 * What a supervisor can subscribe to. Each kind is fed by one or more engine events:
 *
 * | kind | engine events |
 * |---|---|
 * | `case.accepted` 受理 | `case.started` |
 * | `task.opened` | `task.opened` |
 * | `task.completed` | `task.completed` |
 * | `light.changed` 黄灯/红灯 | `light.changed` (case and task clocks) |
 * | `suspended` 挂起 | `case.suspended`, `task.specialProcedureStarted`, `supplement.requested` |
 * | `resumed` | `case.resumed`, `task.specialProcedureEnded`, `supplement.supplied`, `supplement.cancelled` |
 * | `extended` 延期 | `case.extended`, `task.extended` |
 * | `sentBack` 驳回/退回 | `task.rejected` |
 * | `urged` 催办 | `task.urged` |
 * | `supervised` 督办 | `case.supervised` |
 * | `supervision.answered` | `supervision.answered` |
 * | `supervision.overdue` | `supervision.overdue` |
 * | `case.decided` 办结 | `case.completed` |
 * | `case.withdrawn` 撤回 | `case.withdrawn` |
 * | `rule.fired` 效能问责 | an accountability rule firing (see {@link evaluateAccountability}) |
 */
export type SupervisionKind =
  | 'case.accepted'
  | 'task.opened'
  | 'task.completed'
  | 'light.changed'
  | 'suspended'
  | 'resumed'
  | 'extended'
  | 'sentBack'
  | 'urged'
  | 'supervised'
  | 'supervision.answered'
  | 'supervision.overdue'
  | 'case.decided'
  | 'case.withdrawn'
  | 'rule.fired';
