/** `srvsim pia [models...]`: the seed's own arithmetic for a model (and the added TPS of others). */
import { loadScenarioOrThrow } from '../model/load.js';
import { computePia } from '../pia/compute.js';
import { formatPia } from '../pia/format.js';
import { DEFAULT_MODEL, shippedPlacementModels } from './default-models.js';
import { EXIT } from './exit-codes.js';

export async function piaCommand(files: string[], opts: { json?: boolean }): Promise<number> {
  const [main = DEFAULT_MODEL, ...rest] = files;
  const others = files.length > 0 ? rest : shippedPlacementModels();
  const scenario = await loadScenarioOrThrow(main);
  const otherScenarios = [];
  for (const f of others) otherScenarios.push(await loadScenarioOrThrow(f));
  const pia = computePia(scenario, otherScenarios);
  process.stdout.write(opts.json ? `${JSON.stringify(pia, null, 2)}\n` : formatPia(pia));
  return EXIT.ok;
}
