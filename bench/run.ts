// npm run bench: every benchmark, each saving its JSON under bench/results/.
// Times are medians; every ratio is against a baseline measured in the same run.

import { benchRouting } from './routing';
import { saveResults } from './lib';

const routing = benchRouting();
console.log('\nroute() vs one row-wise softmax, T=16384 E=256 k=8 (ms, median)');
console.table(routing.map(({ variant, ms, baselineMs, ratio }) => ({ variant, ms, baselineMs, ratio })));
console.log('saved', saveResults('routing', routing));
