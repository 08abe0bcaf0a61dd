import { parentPort } from 'node:worker_threads';
import { prepareRecord, type DecodedRecord } from './prepare.js';

/** One job: a chunk of decoded records in, their prepared outcomes out, in the same order. */
parentPort!.on('message', ({ id, records }: { id: number; records: DecodedRecord[] }) => {
  try {
    parentPort!.postMessage({ id, results: records.map(prepareRecord) });
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message });
  }
});
