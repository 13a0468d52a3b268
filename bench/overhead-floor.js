// The floor of the overhead table: the least a Node wrapper of plugin-settle's shape can do (start,
// spawn the command in its own process group, pipe its output through, exit with its status).
//   node bench/overhead-floor.js <command> [args...]
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { detached: true, stdio: ['inherit', 'pipe', 'pipe'] });
child.stdout.pipe(process.stdout);
child.stderr.pipe(process.stderr);
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
});
