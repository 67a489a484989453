import { defaultConfigFor } from '../cli/inferHub';
import { parseConfig } from '../src/planner/config/parseConfig';
import { planDualStack } from '../src/planner/planDualStack';
import { BENCH_IPV6_POOL, benchEstate, planFigures } from './migrationBench';

/**
 * The bench estate's plan figures (steps and lower bounds), planned from the generated estate
 * in a process of its own: `node --import tsx bench/planFiguresChild.ts <spokes> <timeScale> <window>`.
 */
const [spokes, timeScale, window] = process.argv.slice(2).map(Number);
const topology = benchEstate(spokes ?? 50);
const config = parseConfig({ ...defaultConfigFor(topology), ipv6Pool: BENCH_IPV6_POOL });
const figures = planFigures(planDualStack(topology, config), timeScale ?? 0.005, window ?? spokes ?? 50);
process.stdout.write(`${JSON.stringify(figures)}\n`);
