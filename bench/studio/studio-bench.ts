import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { freePort } from '../http/server-under-test.ts';
import { largePipeline } from './large-pipeline.ts';

const serverRoot = fileURLToPath(new URL('../../apps/server', import.meta.url));
const distAssets = fileURLToPath(new URL('../../apps/studio/dist/assets', import.meta.url));

/**
 * What the studio section reports. Bundle sizes before this work were measured on the same build
 * settings at the commit named in `before` (one 1.26 MB script, ajv included).
 */
export interface StudioBench {
  date: string;
  repetitions: number;
  nodes: number;
  /** The machine's 1-minute load average when the section ended (2 shared cores). */
  loadAverage: number;
  /** Navigation start until the 500-node editor shows its nodes and the main thread has no long task left, ms. */
  timeToInteractiveMs: Stat;
  /** Frame intervals while a node is dragged across the canvas, ms (16.7 is 60 fps). */
  dragFrameMs: { median: Stat; p95: Stat };
  bundle: {
    before: { commit: string; scriptKb: number; chunks: number };
    after: { scriptKb: number; chunks: number; largestKb: number; pipelinesPageKb: number; editorPageKb: number; layoutEngineKb: number };
  };
}

/** A median with its range (the report's `Stat`). */
export interface Stat {
  median: number;
  min: number;
  max: number;
}

/** What the page scripts below use of the browser (the bench compiles without the DOM library). */
interface BrowserGlobal {
  requestAnimationFrame(callback: (time: number) => void): number;
  longTaskEnds: number[];
  dragFrames: number[];
}

function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

async function startServer(port: number, database: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: serverRoot, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TANDEM_DB: database }, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 200; tries++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

/** JS bytes the page fetched (transfer is local, so this is the file size). */
/**
 * Kilobytes of script a page load uses that were not used before (`seen`), from the page's resource
 * timings (decoded sizes: what the browser parses, whether or not it came from its cache).
 */
async function scriptKbLoading(page: Page, url: string, ready: () => Promise<unknown>, seen: Set<string>): Promise<number> {
  await page.goto(url);
  await ready();
  await page.waitForLoadState('networkidle');
  const scripts = (await page.evaluate(`performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')).map((entry) => [entry.name, entry.decodedBodySize])`)) as [string, number][];
  let bytes = 0;
  for (const [name, size] of scripts) {
    if (seen.has(name)) continue;
    seen.add(name);
    bytes += size;
  }
  return bytes / 1024;
}

/** Median time to interactive of the 500-node editor, and frame times of a drag, in real Chromium. */
export async function measureStudio(repetitions = Number(process.env.BENCH_STUDIO_REPETITIONS ?? 5)): Promise<StudioBench> {
  const scripts = readdirSync(distAssets).filter((name) => name.endsWith('.js'));
  const sizes = scripts.map((name) => ({ name, kb: statSync(join(distAssets, name)).size / 1024 }));
  const port = await freePort();
  const server = await startServer(port, join(tmpdir(), `tandem-studio-bench-${Date.now()}.db`));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const created = await fetch(`${server.base}/api/pipelines`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(largePipeline('bench-500')) });
    if (created.status !== 201) throw new Error(`could not store the 500-node pipeline: ${await created.text()}`);
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    // Page scripts are strings: tsx would wrap named functions in a helper the page does not have.
    await context.addInitScript(`
      window.longTaskEnds = [];
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => window.longTaskEnds.push(entry.startTime + entry.duration))).observe({ type: 'longtask', buffered: true });
    `);
    const page = await context.newPage();
    const seen = new Set<string>();
    const pipelinesPageKb = await scriptKbLoading(page, `${server.base}/`, () => page.getByTestId('pipeline-card').first().waitFor(), seen);
    const editorPageKb = await scriptKbLoading(page, `${server.base}/pipelines/bench-500`, () => page.getByTestId('canvas-node').first().waitFor(), seen);

    const tti: number[] = [];
    const medians: number[] = [];
    const p95s: number[] = [];
    for (let rep = 0; rep < repetitions; rep++) {
      await page.goto(`${server.base}/pipelines/bench-500`);
      await page.getByTestId('canvas-node').first().waitFor();
      const shown = await page.evaluate(() => performance.now());
      // Quiet for a second: the last long task before it ended when the page became interactive.
      await page.waitForTimeout(1000);
      const lastLongTask = await page.evaluate(() => Math.max(0, ...(globalThis as unknown as BrowserGlobal).longTaskEnds));
      tti.push(Math.max(shown, lastLongTask));

      const node = page.getByTestId('canvas-node').nth(3);
      const box = (await node.boundingBox())!;
      await page.evaluate(`(() => {
        window.dragFrames = [];
        const tick = (time) => {
          window.dragFrames.push(time);
          if (window.dragFrames.length < 400) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
      await page.mouse.move(box.x + 60, box.y + 15);
      await page.mouse.down();
      for (let step = 1; step <= 90; step++) {
        await page.mouse.move(box.x + 60 + step * 4, box.y + 15 + step * 2);
        await page.evaluate(() => new Promise((resolve) => (globalThis as unknown as BrowserGlobal).requestAnimationFrame(resolve)));
      }
      await page.mouse.up();
      const frames = await page.evaluate(() => (globalThis as unknown as BrowserGlobal).dragFrames);
      const intervals = frames.slice(1).map((time, index) => time - frames[index]!).sort((a, b) => a - b);
      medians.push(intervals[Math.floor(intervals.length / 2)]!);
      p95s.push(intervals[Math.floor(intervals.length * 0.95)]!);
    }
    await context.close();
    const named = (prefix: string) => sizes.filter((entry) => entry.name.startsWith(prefix)).reduce((sum, entry) => sum + entry.kb, 0);
    return {
      date: new Date().toISOString(),
      loadAverage: loadavg()[0]!,
      repetitions,
      nodes: 500,
      timeToInteractiveMs: stat(tti),
      dragFrameMs: { median: stat(medians), p95: stat(p95s) },
      bundle: {
        before: { commit: '0d2d061', scriptKb: 1259.93, chunks: 1 },
        after: {
          scriptKb: sizes.filter((entry) => !entry.name.startsWith('elk')).reduce((sum, entry) => sum + entry.kb, 0),
          chunks: sizes.length,
          largestKb: Math.max(...sizes.filter((entry) => !entry.name.startsWith('elk')).map((entry) => entry.kb)),
          pipelinesPageKb,
          editorPageKb,
          layoutEngineKb: named('elk'),
        },
      },
    };
  } finally {
    await browser.close();
    server.stop();
  }
}
