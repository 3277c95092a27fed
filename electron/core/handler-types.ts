// The shape of desk-API handlers: one function per method of a table, taking the zod-parsed input and returning the
// output (or throwing DeskFailure). Each feature types its handlers by its own table; the assembled map is checked
// against the whole contract (DeskHandlers) in desk-handlers.ts.
import type { z } from 'zod';
import type { DESK_METHODS } from '../../shared/desk-api/contract.js';
import type { MethodTable } from '../../shared/desk-api/method-table.js';

export type Handlers<T extends MethodTable> = {
  [M in keyof T]: (input: z.output<T[M]['input']>) => z.output<T[M]['output']> | Promise<z.output<T[M]['output']>>;
};

/** Every method of the desk API. */
export type DeskHandlers = Handlers<typeof DESK_METHODS>;
