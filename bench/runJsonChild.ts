import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * Runs a bench script (TypeScript through tsx) in a fresh Node process and answers with the
 * JSON of the last line it prints: each measurement's peak RSS is then its own process's.
 */
export function runJsonChild<T>(
  script: string,
  args: readonly (string | number)[],
  options: { nodeFlags?: readonly string[]; what: string },
): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...(options.nodeFlags ?? []), '--import', 'tsx', path.join(__dirname, script), ...args.map(String)],
      { cwd: path.join(__dirname, '..'), maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${options.what} failed: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T);
      },
    );
  });
}
