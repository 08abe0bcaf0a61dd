import { parentPort, threadId, workerData } from 'node:worker_threads';
import { stageChunk, type DecodedRecord } from './prepare.js';
import { StageWriter } from './stage.js';

const { dir, batchId } = workerData as { dir: string; batchId: string };
const writer = new StageWriter(dir, `thread${threadId}`);

/** One job: a chunk of decoded records in, staged to this thread's files; what it did goes back. */
parentPort!.on('message', ({ id, records }: { id: number; records: DecodedRecord[] }) => {
  try {
    parentPort!.postMessage({ id, outcome: stageChunk(records, writer, batchId) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
