// A webpack loader for hyparquet's src/encoding.js: an RLE run of the level / dictionary-index hybrid
// encoding is written into an output array of the page's value count with no bound on the run's length,
// so a damaged file (a run of 2^30 in a 150-value page) grows that plain Array until V8 aborts the whole
// process ("Fatal JavaScript invalid size error"), which no try/catch can stop: in the extension host, it
// takes every extension down. The patch cuts a run at the end of the output, as the bit-packed runs
// already are; hyparquet then reads the page's values and a damaged file fails as a normal error, or reads.
'use strict';

const RUN = /function readRle\(reader, count, bitWidth, output, seen\) \{/;

module.exports = function boundRleRuns(source) {
  if (!RUN.test(source))
    throw new Error(
      'hyparquet/src/encoding.js has no readRle(reader, count, bitWidth, output, seen): check scripts/webpack/boundRleRuns.js against the new hyparquet',
    );
  return source.replace(RUN, (head) => `${head}\n  count = Math.max(0, Math.min(count, output.length - seen));`);
};
