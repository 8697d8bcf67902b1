// A worker thread of `fieldlabel simulate`: receives the corpus once, then runs the (seed, strategy) jobs it is
// sent, one at a time. A seed's shared setup (split, full-pool head) is made once per worker and kept.
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSeed, runStrategy, type SeedSetup, type SimulationCorpus, type SimulationOptions } from '../lib/learn/simulate';
import type { WorkerReply, WorkerRequest } from './parallel-simulate';

const { corpus, options } = workerData as { corpus: SimulationCorpus; options: Omit<SimulationOptions, 'seeds' | 'strategies' | 'onProgress'> };
const port = parentPort;
if (!port) throw new Error('simulate-worker.ts runs only as a worker thread');
const setups = new Map<number, SeedSetup>();

port.on('message', ({ seed, strategy }: WorkerRequest) => {
  const reply = (message: WorkerReply): void => port.postMessage(message);
  const onProgress: SimulationOptions['onProgress'] = (progress) => reply({ kind: 'progress', progress });
  let setup = setups.get(seed);
  if (!setup) {
    setup = prepareSeed(corpus, seed, { ...options, onProgress });
    setups.set(seed, setup);
  }
  const curve = runStrategy(corpus, setup, strategy, { ...options, onProgress });
  reply({ kind: 'done', seed, strategy, fullAccuracy: setup.fullAccuracy, curve });
});
