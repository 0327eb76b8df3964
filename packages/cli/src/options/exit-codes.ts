/** Exit codes shared by every command: 0 ok, 1 the input is wrong (diagnostics, horizon), 2 usage. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
