// A desk answer as JSON text, made in the core's own thread (DeskCore.callJson): what crosses to the relay is one
// string, never a throw. JSON is what the harness's HTTP and the renderer get anyway; an answer that cannot be
// written (a bigint, a cycle: a handler's bug) becomes the usual internal error rather than a lost call.
import type { DeskResult } from '../../shared/desk-api/contract.js';

const UNWRITABLE: DeskResult<never> = { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка: ответ не передан' } };

export function resultJson(result: DeskResult<unknown>, log: (line: string) => void): string {
  try {
    return JSON.stringify(result);
  } catch (error) {
    log(`answer not written as JSON: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
    return JSON.stringify(UNWRITABLE);
  }
}
