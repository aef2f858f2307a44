// The harness: main's services under plain Node behind the localhost HTTP bridge,
// serving the built renderer. For machines without Electron's binary and for
// Playwright; the same dispatcher, so the same roles and validation as the app.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHarnessArgs } from './args';
import { startHarness } from './startHarness';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHarnessArgs(process.argv.slice(2), process.env);
  } catch (e) {
    process.stderr.write(`kabyl harness: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const harness = await startHarness({
    ...args,
    rendererDir: path.join(__dirname, 'renderer'),
    version: packageVersion(),
  });
  process.stdout.write(`Kabyl harness: ${harness.bridge.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    harness.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(
    `kabyl harness: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});

/** dist/harness.cjs sits one level below package.json. */
function packageVersion(): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '0.0.0';
  }
}
