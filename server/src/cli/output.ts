import { writeFile } from 'node:fs/promises';
import { InputError } from './files';

/**
 * Writes the report to standard output, or to the `-o` file. A file that cannot be written is
 * an I/O failure (exit 2), never a report silently lost: CI uploads it next.
 */
export async function writeReport(output: string | undefined, report: string): Promise<void> {
  if (output === undefined) {
    process.stdout.write(report);
    return;
  }
  await writeFile(output, report).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot write ${output}: ${reason}`);
  });
}
