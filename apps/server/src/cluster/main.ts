/** `tsx src/cluster/main.ts web|worker`: one process of a cluster (what `tandem serve` / `tandem worker` start). */
import { runClusterProcess } from './run-cluster-process.ts';

const role = process.argv[2];
if (role !== 'web' && role !== 'worker') {
  console.error('Usage: main.ts web|worker');
  process.exit(2);
}
runClusterProcess(role).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
