// Worker threads do not inherit the TypeScript loader in every host (vitest's forks, for one),
// so the worker registers tsx itself before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./prepare-worker.ts');
