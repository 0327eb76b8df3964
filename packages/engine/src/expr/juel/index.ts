/**
 * JUEL (the EL of Camunda 7, Flowable and Activiti) read just far enough to translate simple
 * conditions to FEEL: a small recursive-descent parser, as no maintained JavaScript JUEL library
 * exists.
 * @module
 */
export type { CompareOp, JuelNode } from './ast.js';
export { JuelSyntaxError } from './ast.js';
export { parseJuel } from './parser.js';
export { type JuelTranslation, looksLikeJuel, translateJuel } from './to-feel.js';
