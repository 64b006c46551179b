import { execFile } from 'node:child_process';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TOKENS } from '@storyboard/runtime';
import { TEST_ENV } from '../testing/api-harness';
import { SteppingGenerator } from '../testing/stepping-generator';
import { startLocalApiServer } from '../server';
import type { LocalApiServer } from '../server';
import { browserUnavailableReason, launchChromium } from './browser';

const ROOT = join(import.meta.dirname, '../../../..');
const SAMPLES = join(ROOT, 'samples');
/** Screenshots land here for a person to look at (not compared by the tests). */
const SHOTS = process.env.DASHBOARD_SCREENSHOTS ?? join(ROOT, 'tmp/dashboard-screenshots');

const reason = browserUnavailableReason();
if (reason && process.env.CI === 'true') {
  throw new Error(`The dashboard browser tests must run in CI, but ${reason}.`);
}
if (reason) console.warn(`Dashboard browser tests skipped: ${reason}.`);

describe.skipIf(reason !== undefined)('dashboard in Chromium', { timeout: 120_000 }, () => {
  let server: LocalApiServer;
  let generator: SteppingGenerator;
  let browser: Browser;
  let alice: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const dist = await mkdtemp(join(tmpdir(), 'storyboard-web-'));
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [
      join(ROOT, 'apps/web/build.ts'),
      '--out',
      dist,
    ]);
    await mkdir(SHOTS, { recursive: true });
    server = await startLocalApiServer(
      {
        ...TEST_ENV,
        EXECUTION_BACKEND: 'sqs',
        PORT: '0',
        AUTH_MODE: 'dev',
        SSE_POLL_MS: '60000',
        PROGRESS_INTERVAL_MS: '0',
        LLM_CONCURRENCY: '1',
      },
      {
        dashboardDir: dist,
        overrides: (container) => {
          generator = new SteppingGenerator(container.get(TOKENS.StoryboardGenerator));
          container.rebind(TOKENS.StoryboardGenerator).toConstantValue(generator);
        },
      },
    );
    expect(server.dashboard).toBe(true);
    generator.open();
    browser = await launchChromium();
    alice = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await alice.newPage();
    page.on('pageerror', (err) => console.error('page error:', err.message));
  }, 120_000);
  afterAll(async () => {
    generator?.open();
    await browser?.close();
    await server?.close();
  });

  async function expectAccessible(p: Page, name: string) {
    const result = await new AxeBuilder({ page: p }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const where = (v: (typeof bad)[number]) =>
      v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join(' | ');
    expect(bad.map((v) => `${name}: ${v.id} — ${v.help} (${v.nodes.length}) ${where(v)}`)).toEqual(
      [],
    );
  }

  async function signIn(p: Page, user: string) {
    await p.goto(`${server.url}/`);
    await p.getByLabel('User id (AUTH_MODE=dev)').fill(user);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Storyboard dashboard' }).waitFor();
  }

  async function upload(p: Page, file: string, title: string) {
    await p.getByLabel('Novel file').setInputFiles(join(SAMPLES, file));
    await p.getByLabel('Title').fill(title);
    await p.getByRole('button', { name: 'Upload' }).click();
    await p.locator('#novels-table tr', { hasText: title }).waitFor();
  }

  async function startAnalysis(p: Page, title: string): Promise<string> {
    await p.getByRole('button', { name: `Start analysis of ${title}` }).click();
    await p.waitForURL(/#\/jobs\/[0-9a-f-]+$/);
    return p.url().split('/').at(-1)!;
  }

  it('signs in, uploads the English sample and shows it (accessible, phone-width readable)', async () => {
    await page.goto(`${server.url}/`);
    await page.getByLabel('User id (AUTH_MODE=dev)').waitFor();
    await expectAccessible(page, 'sign-in');
    await page.screenshot({ path: join(SHOTS, '1-sign-in.png') });
    await signIn(page, 'alice');
    await upload(page, 'en-the-lighthouse-keeper.txt', 'The Lighthouse Keeper');
    await expectAccessible(page, 'home');
    await page.screenshot({ path: join(SHOTS, '2-home.png'), fullPage: true });
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const small = await phone.newPage();
    await signIn(small, 'alice');
    await small.locator('#novels-table tr', { hasText: 'The Lighthouse Keeper' }).waitFor();
    await small.screenshot({ path: join(SHOTS, '3-home-phone.png'), fullPage: true });
    const overflow = await small.evaluate<number>(
      'document.documentElement.scrollWidth - innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });

  it('shows progress pushed over SSE (no polling) until completed, then the storyboard', async () => {
    generator.close();
    const jobRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/jobs\/[0-9a-f-]+(\/events)?$/.test(new URL(r.url()).pathname))
        jobRequests.push(r.url());
    });
    const jobId = await startAnalysis(page, 'The Lighthouse Keeper');
    await page.locator('#job-progress').waitFor();
    // Every value the bar takes, recorded in the page as it changes.
    await page.evaluate(`{
      const bar = document.getElementById('job-progress');
      window.seen = [bar.value];
      new MutationObserver(() => window.seen.push(bar.value)).observe(bar, { attributes: true });
    }`);
    await generator.reached(1);
    const seenValues = () => page.evaluate<number[]>('[...new Set(window.seen)]');
    for (let step = 0; step < 3; step++) {
      const before = (await seenValues()).length;
      generator.allow(1);
      await expect
        .poll(async () => (await seenValues()).length, { timeout: 10_000 })
        .toBeGreaterThan(before);
    }
    await page.screenshot({ path: join(SHOTS, '4-job-running.png'), fullPage: true });
    generator.open();
    await expect
      .poll(() => page.locator('#job-status').innerText(), { timeout: 20_000 })
      .toBe('completed');
    const values = await seenValues();
    expect(values.length).toBeGreaterThanOrEqual(3);
    expect(values.at(-1)).toBe(100);
    // Pushed, not polled: one GET of the job when the page opened, then only the stream.
    const polls = jobRequests.filter((u) => u.endsWith(`/jobs/${jobId}`));
    expect(polls.length).toBe(1);
    expect(jobRequests.some((u) => u.endsWith(`/jobs/${jobId}/events`))).toBe(true);
    expect(await page.locator('#timeline li[data-source="sse"]').count()).toBeGreaterThanOrEqual(3);
    await expectAccessible(page, 'job');
    await page.screenshot({ path: join(SHOTS, '5-job-completed.png'), fullPage: true });

    await page.getByRole('link', { name: 'Open the storyboard' }).click();
    const board = page.locator('#storyboard');
    await board.locator('.chapter-title').first().waitFor();
    const titles = await board.locator('.chapter-title').allInnerTexts();
    expect(titles.join('\n')).toContain('The Storm');
    expect(titles.join('\n')).toContain('The Light Returns');
    expect(await board.locator('.panel').count()).toBeGreaterThan(10);
    const speakers = await board.locator('.balloon .who').allInnerTexts();
    expect(speakers.some((s) => /elsie/i.test(s))).toBe(true);
    expect(
      await page.getByRole('link', { name: 'Download JSON' }).getAttribute('download'),
    ).toMatch(/\.json$/);
    await expectAccessible(page, 'storyboard');
    await page.screenshot({ path: join(SHOTS, '6-storyboard.png') });
  });

  it('cancels a running job', async () => {
    await page.goto(`${server.url}/#/`);
    generator.close();
    await startAnalysis(page, 'The Lighthouse Keeper');
    await generator.reached(1);
    await expect.poll(() => page.locator('#job-status').innerText()).toBe('running');
    await page.getByRole('button', { name: 'Cancel job' }).click();
    await expect.poll(() => page.locator('#job-status').innerText()).toBe('cancelled');
    generator.open();
    await page.getByRole('button', { name: 'Retry job' }).waitFor();
  });

  it('retries a failed job to completion', async () => {
    await page.goto(`${server.url}/#/`);
    generator.open();
    generator.failNext(1);
    await startAnalysis(page, 'The Lighthouse Keeper');
    await expect
      .poll(() => page.locator('#job-status').innerText(), { timeout: 20_000 })
      .toBe('failed');
    await expect
      .poll(() => page.locator('.facts').innerText())
      .toContain('GENERATOR.INVALID_OUTPUT');
    await page.screenshot({ path: join(SHOTS, '7-job-failed.png'), fullPage: true });
    await page.getByRole('button', { name: 'Retry job' }).click();
    await expect
      .poll(() => page.locator('#job-status').innerText(), { timeout: 20_000 })
      .toBe('completed');
    await expect.poll(() => page.locator('.facts').innerText()).toMatch(/Attempts\s+2/);
  });

  it('shows a Chinese novel with Chinese labels', async () => {
    await page.goto(`${server.url}/#/`);
    generator.open();
    await upload(page, 'zh-the-paper-crane.txt', '纸鹤');
    await startAnalysis(page, '纸鹤');
    await expect
      .poll(() => page.locator('#job-status').innerText(), { timeout: 20_000 })
      .toBe('completed');
    await page.getByRole('link', { name: 'Open the storyboard' }).click();
    const board = page.locator('#storyboard');
    await board.locator('.chapter-title').first().waitFor();
    await expect.poll(() => board.locator('.kicker').innerText()).toBe('漫画分镜');
    expect((await board.locator('.chapter-title').allInnerTexts()).join('')).toContain('纸鹤');
    await expectAccessible(page, 'storyboard-zh');
    await page.screenshot({ path: join(SHOTS, '8-storyboard-zh.png') });
  });

  it('filters jobs by status, and user B sees none of user A’s novels', async () => {
    await page.goto(`${server.url}/#/`);
    await page.locator('#jobs-table tbody tr').first().waitFor();
    await page.getByLabel('Status').selectOption('cancelled');
    const rows = page.locator('#jobs-table tbody tr');
    const statuses = await Promise.all(
      (await rows.all()).map((r) => r.getAttribute('data-status')),
    );
    expect(statuses).toEqual(['cancelled']);

    const bobContext = await browser.newContext();
    const bob = await bobContext.newPage();
    await signIn(bob, 'bob');
    await bob.getByText('No novels yet').waitFor();
    expect(await bob.locator('[data-novel-id]').count()).toBe(0);
    expect(await bob.locator('[data-job-id]').count()).toBe(0);
    await bobContext.close();
  });
});
