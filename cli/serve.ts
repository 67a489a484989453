// The app's entry point, as the Functions host loads it: importing it registers every function.
import '../src/index';
import { startFunctionsHost } from '../devhost/startFunctionsHost';
import { localAppSettings } from './localAppSettings';
import type { LocalStack } from './localStack';
import { startLocalStack } from './localStack';
import { CliError } from './parseArgs';
import { parseServeArgs, SERVE_USAGE } from './parseServeArgs';
import { estateConfig } from './estateConfig';
import { EXIT } from './exitCodes';
import { loadTopologyOption } from './loadTopologyOption';
import { readConfig } from './readConfig';
import { isUsageError } from './runCli';
import { serveBanner } from './serveBanner';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const stamped = (line: string): void => out(`[${new Date().toISOString()}] ${line}`);

/**
 * `npm run serve`: the Functions app served as `func start` would, backed by the ARM emulator (seeded with
 * the estate) and Azurite, all in this process. SIGINT/SIGTERM stop everything, then the process exits.
 */
async function serve(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2));
  if (args.help) return out(SERVE_USAGE);
  const [topology, fileConfig] = await Promise.all([
    loadTopologyOption(args.topology),
    readConfig(args.config),
  ]);
  const config = estateConfig(args.topology, topology, fileConfig, args.config);
  const stack: LocalStack = await startLocalStack({
    topology,
    emulator: { timeScale: args.timeScale, port: args.emulatorPort },
    host: {
      // Durable timers (approval timeouts, retry back-off, settle delays) run on the wall clock, as in Azure.
      timeScale: 1,
      log: (level, name, message) => {
        if (level === 'warn' || level === 'warning' || level === 'error')
          stamped(`[${name}] ${level}: ${message}`);
      },
    },
  });
  let stopping: Promise<void> | undefined;
  try {
    Object.assign(process.env, localAppSettings(stack, config));
    const app = await startFunctionsHost({ host: stack.host, port: args.port, log: stamped }).catch(
      (error: NodeJS.ErrnoException) => {
        throw error.code === 'EADDRINUSE'
          ? new CliError(`--port ${args.port}: the port is in use (another func start or serve?)`, '')
          : error;
      },
    );
    const stop = (signal: string): void => {
      if (stopping) {
        // A second Ctrl-C: the user does not want to wait.
        process.exit(130);
      }
      stamped(`${signal}: stopping`);
      stopping = app
        .close()
        .then(() => stack.stop())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`stopping: ${error instanceof Error ? error.message : String(error)}\n`);
            process.exit(1);
          },
        );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    // `npm run` starts us under sh, which dies of a SIGTERM sent to npm without passing it on: once our
    // parent is gone (we are re-parented), stop as for SIGTERM rather than live on as an orphan.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent && !stopping) stop('parent process exited');
    }, 500).unref();
    out(
      serveBanner(
        app,
        stack,
        `${args.topology} (${topology.length} resources, hub ${config.hubVnetId.split('/').pop() ?? ''})`,
      ),
    );
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

serve().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(isUsageError(error) ? EXIT.usage : EXIT.failed);
});
