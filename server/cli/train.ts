/**
 * `npm run train`: regenerates data/models/*.json from ../shared/data, deterministically.
 * Every model is fitted on the training part only (records whose line % 5 !== 4).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  SHARED_DATA_DIR,
  isHoldout,
  loadAirline,
  loadBanking,
  loadUss,
  sharedDataAvailable,
} from '../scoring/offline/datasets.js';
import { trainSatisfaction, trainSentiment, trainTopic } from '../scoring/offline/train-models.js';

const MODELS_DIR = resolve(import.meta.dirname, '../../data/models');

function write(name: string, json: unknown): void {
  const file = resolve(MODELS_DIR, name);
  writeFileSync(file, `${JSON.stringify(json)}\n`);
  console.log(`wrote ${file}`);
}

async function main(): Promise<void> {
  if (!sharedDataAvailable()) {
    console.error(
      `shared data not found at ${SHARED_DATA_DIR}: the shipped models in data/models stay as they are`,
    );
    process.exit(1);
  }
  mkdirSync(MODELS_DIR, { recursive: true });
  const airline = loadAirline().filter((d) => !isHoldout(d.line));
  write('sentiment.json', trainSentiment(airline));
  const banking = loadBanking().filter((d) => !isHoldout(d.line));
  write('topic.json', trainTopic(banking));
  // Imported only now: the analysis reads the sentiment and topic models just written.
  const { analyse } = await import('../scoring/analyse.js');
  const { satisfactionFeatures } = await import('../scoring/conversation.js');
  const uss = loadUss().filter((r) => !isHoldout(r.line));
  write(
    'satisfaction.json',
    trainSatisfaction(uss, (r) => {
      const a = analyse(r.transcript);
      return satisfactionFeatures(r.transcript, a.messages, a.triggers);
    }),
  );
}

await main();
