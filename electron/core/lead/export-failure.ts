// Why an export could not be written, in the words the shift lead reads in the export toast
// (shared/node/file-write-failure.ts, the shell's wording too); the system's message goes to the core's log for IT.
import { fileErrorCode, fileWriteFailureText } from '../../../shared/node/file-write-failure.js';
import { DeskFailure } from '../desk-failure.js';

/** The failure the export returns for an error thrown while writing `fileName` into `dir`. */
export function exportFailure(error: unknown, dir: string, fileName: string): DeskFailure {
  const code = fileErrorCode(error);
  return new DeskFailure(code === 'ENOSPC' || code === 'EDQUOT' ? 'disk_full' : 'internal', fileWriteFailureText(error, fileName, dir));
}
