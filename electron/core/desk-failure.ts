// The exception used inside the core for an expected failure; the dispatcher turns it into {ok:false, error}.
import type { DeskErrorCode } from '../../shared/desk-api/contract.js';

export class DeskFailure extends Error {
  readonly code: DeskErrorCode;
  constructor(code: DeskErrorCode, message: string) {
    super(message);
    this.name = 'DeskFailure';
    this.code = code;
  }
}
