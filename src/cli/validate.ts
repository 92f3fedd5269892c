/** `srvsim validate <models...>`: load every model, print OK lines or every issue; exit 2 on any error. */
import { displayPath, formatIssue, loadScenario } from '../model/index.js';
import { EXIT } from './exit-codes.js';

export async function validateCommand(files: string[], opts: { json?: boolean }): Promise<number> {
  const results = [];
  for (const file of files) results.push({ file, result: await loadScenario(file) });
  if (opts.json) {
    const report = results.map(({ file, result: r }) =>
      r.ok
        ? { file: displayPath(file), ok: true, scenario: r.scenario.name, warnings: r.warnings, issues: [] }
        : { file: displayPath(file), ok: false, issues: r.issues.map((i) => ({ ...i, file: displayPath(i.file) })) });
    process.stdout.write(`${JSON.stringify({ files: report }, null, 2)}\n`);
  } else {
    for (const { file, result: r } of results) {
      if (r.ok) {
        process.stdout.write(`ok   ${displayPath(file)} (${r.scenario.name})\n`);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      } else {
        for (const issue of r.issues) process.stderr.write(`${formatIssue(issue)}\n`);
      }
    }
  }
  return results.every(({ result }) => result.ok) ? EXIT.ok : EXIT.input;
}
