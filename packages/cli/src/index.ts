export { buildProgram, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCli } from './program.js';
