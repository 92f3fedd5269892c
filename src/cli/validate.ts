/**
 * `srvsim validate <models...>`: load every model, print OK lines or its issues; exit 2 on any error.
 * At most MAX_SHOWN_ISSUES issues are printed per model (then "… and N more problems"); with --json
 * the same first issues are listed and `moreIssues` counts the rest.
 */
import { displayPath, formatIssues, loadScenario, MAX_SHOWN_ISSUES } from '../model/index.js';
import { EXIT } from './exit-codes.js';

export async function validateCommand(files: string[], opts: { json?: boolean }): Promise<number> {
  const results = [];
  for (const file of files) results.push({ file, result: await loadScenario(file) });
  if (opts.json) {
    const report = results.map(({ file, result: r }) => {
      if (r.ok) return { file: displayPath(file), ok: true, scenario: r.scenario.name, warnings: r.warnings, issues: [] };
      const shown = r.issues.slice(0, MAX_SHOWN_ISSUES).map((i) => ({ ...i, file: displayPath(i.file) }));
      const more = r.issues.length - shown.length;
      return { file: displayPath(file), ok: false, issues: shown, ...(more > 0 ? { moreIssues: more } : {}) };
    });
    process.stdout.write(`${JSON.stringify({ files: report }, null, 2)}\n`);
  } else {
    for (const { file, result: r } of results) {
      if (r.ok) {
        process.stdout.write(`ok   ${displayPath(file)} (${r.scenario.name})\n`);
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      } else {
        process.stderr.write(`${formatIssues(r.issues).join('\n')}\n`);
      }
    }
  }
  return results.every(({ result }) => result.ok) ? EXIT.ok : EXIT.input;
}
