/** `srvsim assumptions <model>`: every input number of a scenario with its provenance. */
import { loadScenarioOrThrow } from '../model/load.js';
import { assumptionsMarkdown, assumptionsText } from '../report/assumptions.js';
import { EXIT } from './exit-codes.js';

export async function assumptionsCommand(file: string, opts: { json?: boolean; markdown?: boolean }): Promise<number> {
  const s = await loadScenarioOrThrow(file);
  if (opts.json) process.stdout.write(`${JSON.stringify(s.provenance, null, 2)}\n`);
  else process.stdout.write(opts.markdown ? assumptionsMarkdown(s.provenance) : assumptionsText(s.provenance));
  return EXIT.ok;
}
