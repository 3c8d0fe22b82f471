// Entry of a WorkerPool worker whose script is TypeScript source, i.e. under Jest or tsx; the
// compiled dist/ build starts its `.js` workers directly and never loads this file.
// Node 20 does not apply `--import tsx` from a worker's execArgv to the worker's own entry module,
// so this plain module registers tsx (a devDependency) itself, then imports the script, whose URL
// WorkerPool passes as the last argument.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
