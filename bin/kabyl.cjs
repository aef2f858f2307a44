#!/usr/bin/env node
// Entry of the `kabyl` command line; the code is bundled into dist/ by `npm run build`
// (which `npm ci` runs through the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(
    'kabyl: not built yet; run "npm run build" (npm ci does it) in ' +
      path.dirname(__dirname) +
      '\n',
  );
  process.exit(70);
}
require(bundle).runCli();
