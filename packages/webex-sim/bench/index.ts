// `pnpm bench`: runs each benchmark part in turn and prints its figures.
// A new part is one import and one entry in PARTS.
import type { BenchPart } from './measure';
import { memoryBench } from './memory.bench';
import { relayBench } from './relay.bench';
import { restBench } from './rest.bench';
import { scaleBench } from './scale.bench';

const PARTS: [string, BenchPart][] = [
  ['REST face', restBench],
  ['Create throughput as meetings accumulate', scaleBench],
  ['Memory', memoryBench],
  ['Media relay', relayBench],
];

for (const [name, run] of PARTS) {
  console.log(`# ${name}`);
  for (const line of await run()) console.log(line);
}
