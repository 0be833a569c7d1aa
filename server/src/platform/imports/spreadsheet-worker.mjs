// A worker thread starts without the main thread's TypeScript loader: it registers its own, as bin/orbita.mjs does.
import { register } from 'tsx/esm/api';

register();
await import('./spreadsheet-worker.ts');
