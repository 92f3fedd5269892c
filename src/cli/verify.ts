/** `srvsim verify <report-dir>`: 0 when every file matches the manifest, 3 naming each file that does not. */
import { verifyReportDir } from '../app/verify.js';
import { EXIT } from './exit-codes.js';

export function verifyCommand(dir: string, opts: { json?: boolean }): number {
  const outcome = verifyReportDir(dir);
  if (opts.json) process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  else if (outcome.ok) process.stdout.write(`ok   ${dir}: ${outcome.files} files match manifest.json\n`);
  else for (const p of outcome.problems) process.stderr.write(`${p}\n`);
  return outcome.ok ? EXIT.ok : EXIT.output;
}
