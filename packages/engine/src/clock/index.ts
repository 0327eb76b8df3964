/**
 * Case and task clocks (时限): start at acceptance, suspend, resume, extend, stop; due dates,
 * lights and their next change; BPMN timer instants. Pure functions over JSON state.
 * @module
 */

export type {
  ClockDue,
  ClockExtension,
  ClockLight,
  ClockOptions,
  ClockState,
  ClockStatus,
  ClockSuspension,
  HeldTimer,
  LightChange,
  TimerHold,
} from '../model/clock.js';
export {
  checkTimeLimit,
  checkWarning,
  extendClock,
  extendedDays,
  isClockSuspended,
  resumeClock,
  type StartClockInput,
  startClock,
  stopClock,
  suspendClock,
} from './commands.js';
export { clockDue } from './due.js';
export { BadTimerError, ClockStateError, ExtensionCapError, TimeLimitError } from './errors.js';
export { clockLight, clockStatus, nextLightChange, remainingWorkingDays } from './light.js';
export {
  checkTimerDefinition,
  nextTimerCycleAt,
  parseTimerCycle,
  type TimerCycle,
  timerDueAt,
} from './timer.js';
export { heldTimer, heldTimerDueAt } from './timer-hold.js';
export {
  checkOfficeHours,
  DEFAULT_OFFICE_HOURS,
  type OfficeHours,
  officeHoursPerDay,
  parseOfficeHours,
  workedMillis,
  workingHoursInstant,
} from './working-hours.js';
