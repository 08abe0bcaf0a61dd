import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { stageChunk, type ChunkOutcome, type DecodedRecord } from './prepare.js';
import type { StageWriter } from './stage.js';
import { WORKER_HEAP_MB } from '../memory.js';

const ENTRY = new URL('./prepare-worker-entry.mjs', import.meta.url);

interface Job {
  resolve: (outcome: ChunkOutcome) => void;
  reject: (error: Error) => void;
}

/**
 * Worker threads that validate, redact, score and stage chunks of records (stageChunk), so that on
 * a machine with several cores this work runs beside the thread that parses. Each writes its own
 * stage files in the batch's directory; workers never touch DuckDB: one process holds one database
 * instance (STYLE habit 1). A pool lives for one batch and is closed by its owner.
 */
export class PreparePool {
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private broken: Error | null = null;

  private constructor(private readonly workers: Worker[]) {
    for (const worker of workers) {
      worker.on('message', (message: { id: number; outcome?: ChunkOutcome; error?: string }) => {
        const job = this.jobs.get(message.id);
        if (!job) return;
        this.jobs.delete(message.id);
        if (message.outcome) job.resolve(message.outcome);
        else job.reject(new Error(`prepare worker failed: ${message.error}`));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => this.fail(new Error(`prepare worker exited with code ${code}`)));
    }
  }

  /** `dir` and `batchId`: where the workers write their stage files, and the batch their rows belong to. */
  static start(size: number, dir: string, batchId: string): PreparePool {
    return new PreparePool(Array.from({ length: size }, () => new Worker(ENTRY, {
      workerData: { dir, batchId },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    })));
  }

  run(records: DecodedRecord[]): Promise<ChunkOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const worker = this.workers[id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ id, records });
    });
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const job of this.jobs.values()) job.reject(error);
    this.jobs.clear();
  }

  async close(): Promise<void> {
    this.broken ??= new Error('prepare pool closed');
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Threads used by default: one per core. The thread that parses the input is mostly idle now
 * that the prepare threads stage their own rows (stage.ts): on 2 cores, 100,000 conversations of
 * the month's file took 25.3 s with 1 thread and 19.5 s with 2 (BENCHMARKS.md). When the main
 * thread appended every row to DuckDB itself, 2 threads were slower than 1.
 */
export function defaultPrepareThreads(): number {
  return availableParallelism();
}

/** Prepares and stages a chunk on the pool, or in this thread with `writer` without one. */
export function prepareChunk(pool: PreparePool | null, records: DecodedRecord[], writer: StageWriter, batchId: string): Promise<ChunkOutcome> {
  return pool ? pool.run(records) : Promise.resolve(stageChunk(records, writer, batchId));
}
