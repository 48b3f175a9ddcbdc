/**
 * npm run eval:forecast [dir] — backtest of the SPM light-curve forecast (lib/forecast/) on real BTS
 * SNe Ia (default: the bundled fixtures/bts-snia/; pass
 * ../shared/data/labelled-real/bts-snia-lightcurves/light-curves for all 1,585). Last line: one JSON object.
 */
import { BTS_SNIA_FIXTURES_DIR, loadBtsLightcurves, runForecastBacktest } from "../lib/forecast/backtest-forecast";

const dir = process.argv[2] ?? BTS_SNIA_FIXTURES_DIR;
const started = performance.now();
const result = runForecastBacktest(loadBtsLightcurves(dir));
console.error(
  `forecast backtest on ${dir}: ${result.bands} bands, ${result.scoredPoints} held-out points, ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(JSON.stringify(result));
