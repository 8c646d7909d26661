/**
 * Local evaluations/s: the SDK's KeystoneFlagsProvider (connected to a real server, flag set from its
 * stream) against flagd-core on the equivalent JsonLogic flag, alternating rounds in this process.
 * Two pairs, compared like for like:
 *  - through OpenFeature's client (`client.getStringValue`, what applications call): the Keystone
 *    provider vs flagd-core behind a minimal provider; both pay the client's hooks and details;
 *  - direct: the provider's `resolveStringEvaluation` (awaited) vs flagd-core's synchronous call.
 */
import { OpenFeature } from '@openfeature/server-sdk';
import { KeystoneFlagsProvider } from '../../packages/sdk/src/flags/index.ts';
import { type BenchContext, checkAgreement, contexts, FLAG_KEY } from './banner-flag.ts';
import { measureAsync, measureSync, median } from './evaluation-rate.ts';
import { flagdCore, flagdCoreProvider, silentLogger } from './flagd-core-provider.ts';

export type LocalOptions = { baseUrl: string; secretKey: string; rounds: number; seconds: number };

type Side = { name: string; run(seconds: number): Promise<number>; rates: number[] };

export async function runLocal(options: LocalOptions): Promise<string> {
  const provider = new KeystoneFlagsProvider({ baseUrl: options.baseUrl, secretKey: options.secretKey });
  const core = flagdCore();
  await OpenFeature.setProviderAndWait('keystone', provider);
  await OpenFeature.setProviderAndWait('flagd', flagdCoreProvider(core));
  try {
    const keystoneClient = OpenFeature.getClient('keystone');
    const flagdClient = OpenFeature.getClient('flagd');
    const viaFlagdCore = (context: BenchContext) =>
      core.resolveStringEvaluation(FLAG_KEY, 'default', context, silentLogger);
    const details = await Promise.all(
      contexts.map((context) => keystoneClient.getStringDetails(FLAG_KEY, 'default', context)),
    );
    const lines = [checkAgreement(details, contexts.map(viaFlagdCore))];

    const side = (name: string, run: (seconds: number) => Promise<number>): Side => ({
      name,
      run,
      rates: [],
    });
    const sides = [
      side('Keystone SDK, client', (s) =>
        measureAsync((context) => keystoneClient.getStringValue(FLAG_KEY, 'default', context), s),
      ),
      side('flagd-core, client', (s) =>
        measureAsync((context) => flagdClient.getStringValue(FLAG_KEY, 'default', context), s),
      ),
      side('Keystone SDK, resolve', (s) =>
        measureAsync(
          async (context) => (await provider.resolveStringEvaluation(FLAG_KEY, 'default', context)).value,
          s,
        ),
      ),
      side('flagd-core, direct', async (s) => measureSync(viaFlagdCore, s)),
    ];
    for (const each of sides) await each.run(1);
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const each of order) each.rates.push(await each.run(options.seconds));
    }
    const cell = (n: number) => Math.round(n).toLocaleString('en').padStart(12);
    const header = sides[0]?.rates.map((_, i) => `round ${i + 1}`.padStart(12)).join('') ?? '';
    lines.push(`${'evaluations/s'.padEnd(24)}${header}${'median'.padStart(12)}`);
    for (const each of sides) {
      lines.push(`${each.name.padEnd(24)}${each.rates.map(cell).join('')}${cell(median(each.rates))}`);
    }
    lines.push('');
    for (const [ours, theirs] of [
      [sides[0], sides[1]],
      [sides[2], sides[3]],
    ] as [Side, Side][]) {
      const ratio = median(ours.rates) / median(theirs.rates);
      lines.push(
        `${ours.name} / ${theirs.name}: ${ratio.toFixed(2)}×  (goal > 1×, faster than flagd: ${ratio > 1 ? 'met' : 'NOT met'})`,
      );
    }
    return `${lines.join('\n')}\n`;
  } finally {
    await OpenFeature.close();
  }
}
