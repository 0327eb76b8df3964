/** Rows the board asks for at first, and again each time a person asks for more. */
export const BOARD_PAGE = 100;

/** Tasks the worklist shows at first, and again each time a person asks for more. */
export const WORKLIST_PAGE = 100;
