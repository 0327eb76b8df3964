/**
 * `@tongban/engine/testing`: scenarios run against the pure runtime, for tests and demos (`tongban
 * simulate`). A scenario is a list of steps with instants; `simulate` applies them in order.
 * @module
 */
export {
  checkScenario,
  type Scenario,
  ScenarioError,
  type ScenarioStep,
  type SimulationResult,
  scenarioCommand,
  scenarioInstant,
  simulate,
} from './runtime/simulate.js';
