/** JSON values: what case variables and snapshots are made of. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Case variables (流程变量): conditions are evaluated over these. */
export type Variables = Record<string, JsonValue>;
