// electron-builder.yml, checked offline: the config parses and names the targets,
// and a real `electron-builder --linux dir` run (with a stub Electron distribution,
// since Electron's binary cannot be downloaded here) packs dist/ and package.json
// into app.asar with sqlite3's native binding unpacked beside it.
import { execFile } from 'node:child_process';
import {
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
  chmod,
  stat,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
// js-yaml ships with electron-builder (it reads this very file with it); no types installed.
const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
const root = path.resolve(__dirname, '../..');
/** Where Electron's binary keeps its fuse wire (@electron/fuses' SENTINEL). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  directories: { output: string; buildResources: string };
  win: { target: { target: string; arch: string[] }[]; icon: string };
  linux: { target: string[]; icon: string };
  electronFuses: Record<string, boolean>;
}

describe('electron-builder.yml', () => {
  it('parses and names the app, the targets, the icons and the output folder', async () => {
    const config = load(
      await readFile(path.join(root, 'electron-builder.yml'), 'utf8'),
    ) as BuilderConfig;
    expect(config.appId).toBe('kg.edu.kabyl');
    expect(config.productName).toBe('Kabyl');
    expect(config.directories.output).toBe('release');
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(config.asarUnpack.some((p) => p.includes('sqlite3'))).toBe(true);
    for (const icon of [config.win.icon, config.linux.icon, 'resources/icon.svg']) {
      expect((await stat(path.join(root, icon))).size).toBeGreaterThan(100);
    }
    const png = await readFile(path.join(root, config.linux.icon));
    expect(png.readUInt32BE(16)).toBe(256); // IHDR width
    expect(png.readUInt32BE(20)).toBe(256); // IHDR height
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main).toBe('dist/main/electron.cjs');
  });

  it('sets the Electron fuses (issue 12, item 12) and unpacks the argon2 binding', async () => {
    const config = load(
      await readFile(path.join(root, 'electron-builder.yml'), 'utf8'),
    ) as BuilderConfig;
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asarUnpack.some((p) => p.includes('@node-rs/argon2'))).toBe(true);
  });
});

describe('electron-builder --linux dir (offline, stub Electron)', () => {
  let project: string;

  beforeAll(async () => {
    // A throwaway project beside the real one: its own dist/, the shared node_modules.
    project = await mkdtemp(path.join(tmpdir(), 'kabyl-pack-'));
    await cp(path.join(root, 'electron-builder.yml'), path.join(project, 'electron-builder.yml'));
    await cp(path.join(root, 'package.json'), path.join(project, 'package.json'));
    await cp(path.join(root, 'resources'), path.join(project, 'resources'), { recursive: true });
    await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    const external = [
      'electron',
      'sqlite3',
      'typeorm',
      'exceljs',
      'reflect-metadata',
      '@node-rs/argon2',
    ];
    for (const [src, out] of [
      ['main/electron/main.ts', 'dist/main/electron.cjs'],
      ['preload/index.ts', 'dist/preload.cjs'],
    ]) {
      await build({
        entryPoints: [path.join(root, src)],
        outfile: path.join(project, out),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external,
        logLevel: 'error',
      });
    }
    const stub = path.join(project, 'electron-stub');
    await mkdir(stub);
    // A stub binary that carries Electron's fuse wire (sentinel, version 1, 8 fuses in
    // Electron's default states), so electron-builder flips real fuses in it.
    const wire = Buffer.from([0x31, 0x30, 0x31, 0x31, 0x30, 0x30, 0x30, 0x31]);
    await writeFile(
      path.join(stub, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\nexit 0\n# '),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, wire.length]),
        wire,
        Buffer.from('\n'),
      ]),
    );
    await chmod(path.join(stub, 'electron'), 0o755);
    await writeFile(path.join(stub, 'version'), '45.5.0');
  }, 60_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
  });

  it('packs dist/ and package.json into app.asar and unpacks the sqlite3 binding', async () => {
    const out = path.join(project, 'release');
    await run(
      process.execPath,
      [
        path.join(root, 'node_modules/electron-builder/cli.js'),
        '--linux',
        'dir',
        '--projectDir',
        project,
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${path.join(project, 'electron-stub')}`,
        // Rebuilding native modules for Electron downloads its headers: not possible offline.
        '-c.npmRebuild=false',
        `-c.directories.output=${out}`,
      ],
      {
        cwd: project,
        timeout: 150_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, CI: '1' },
      },
    );
    const resources = path.join(out, 'linux-unpacked', 'resources');
    const asar = await import('@electron/asar');
    const listed = asar
      .listPackage(path.join(resources, 'app.asar'), { isPack: false })
      .map((p) => p.replaceAll('\\', '/'));
    expect(listed).toContain('/package.json');
    expect(listed).toContain('/dist/main/electron.cjs');
    expect(listed).toContain('/dist/preload.cjs');
    expect(listed.some((p) => p.startsWith('/node_modules/typeorm/'))).toBe(true);
    const binding = path.join(
      resources,
      'app.asar.unpacked',
      'node_modules',
      'sqlite3',
      'build',
      'Release',
      'node_sqlite3.node',
    );
    expect((await stat(binding)).size).toBeGreaterThan(100_000);
    expect((await stat(path.join(out, 'linux-unpacked', 'kabyl'))).isFile()).toBe(true);

    // The fuses, read back from the packed binary.
    const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
    const FuseState = { DISABLE: 0x30, ENABLE: 0x31 }; // ASCII '0' and '1' in the wire
    const fuses = (await getCurrentFuseWire(
      path.join(out, 'linux-unpacked', 'kabyl'),
    )) as unknown as Record<number, number>;
    expect(fuses[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  }, 170_000);
});
