// End to end in a real browser: a customer answers the privacy notice in the chat widget, asks
// a knowledge-base question and gets the bot's answer, writes personal data, asks for a human;
// the conversation appears in the agent desk with intent, sentiment and suggested answers and
// personal data masked; the agent reveals one item with a reason and replies, and the customer
// receives the reply live. Then the audit chain verifies.
//
// Usage: HUSHDESK=build/hushdesk node tests/e2e/desk.e2e.mjs
// Drives Debian's Chromium (/usr/bin/chromium) through playwright-core; never downloads one.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const bin = process.env.HUSHDESK;
if (!bin) { console.error('set HUSHDESK to the hushdesk binary'); process.exit(2); }
const dataDir = mkdtempSync(join(tmpdir(), 'hushdesk-e2e-'));
const PHONE = '13987654321';           // synthetic
const PHONE_MASKED = '139****4321';

function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + out)), 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const url = out.match(/serving on (http:\/\/[0-9.:]+)\//);
      const agent = out.match(/agent:\s+username (\S+)\s+password (\S+)/);
      if (url && agent) { clearTimeout(timer); resolve({ proc, base: url[1], user: agent[1], password: agent[2] }); }
    });
    proc.stderr.on('data', () => {});
    proc.on('exit', (code) => reject(new Error('server exited with ' + code + '\n' + out)));
  });
}

let server;
let browser;
let step = 'start';
try {
  server = await startServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
           '--disable-sync', '--no-first-run', '--disable-quic'],
  });

  step = 'customer opens the widget and writes';
  const customer = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await customer.goto(server.base + '/demo');
  await customer.click('#hd-launcher');
  await customer.waitForSelector('#hd-panel:not(.hd-hidden)');
  assert.equal(await customer.textContent('.hd-title'), '在线客服');

  step = 'the privacy notice comes first and the answer is recorded';
  await customer.waitForSelector('#hd-consent:not(.hd-hidden)');
  assert.ok((await customer.textContent('.hd-consent-text')).includes('同意'));
  assert.ok(await customer.isHidden('#hd-form'), 'nothing can be typed before the notice is answered');
  await customer.click('#hd-consent-yes');
  await customer.waitForSelector('#hd-form:not(.hd-hidden)');

  step = 'the bot answers a knowledge-base question';
  await customer.fill('#hd-input', '请问怎么退货？');
  await customer.click('#hd-send');
  await customer.waitForSelector('.hd-bot .hd-text:has-text("申请退货")');

  step = 'the customer writes personal data and asks for a human';
  await customer.fill('#hd-input', `我的手机是${PHONE}，包裹怎么还没到，太慢了。订单号SO20261122001，明天能到吗`);
  await customer.click('#hd-send');
  await customer.waitForSelector(`.hd-customer .hd-text:has-text("${PHONE}")`);
  await customer.waitForSelector('.hd-protected');
  await customer.fill('#hd-input', '转人工');
  await customer.click('#hd-send');
  await customer.waitForSelector('.hd-bot .hd-text:has-text("人工客服")');

  step = 'agent logs in and sees the conversation masked';
  const desk = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await desk.goto(server.base + '/desk');
  await desk.fill('#username', server.user);
  await desk.fill('#password', 'not the password');
  await desk.click('#login-btn');
  await desk.waitForSelector('#login-error:has-text("Wrong username or password")');
  await desk.fill('#password', server.password);
  await desk.click('#login-btn');
  await desk.waitForSelector('#app:not(.hidden)');
  await desk.waitForFunction(() => document.querySelectorAll('#conversations .conv').length >= 3);
  await desk.click('#conversations .conv >> nth=0');  // newest first: the customer's
  await desk.waitForSelector(`#messages .msg.customer button.pii:has-text("${PHONE_MASKED}")`);
  assert.ok(!(await desk.content()).includes(PHONE), 'the agent must not see the original');

  step = 'the desk shows intent, sentiment and suggested answers for each customer message';
  await desk.waitForSelector('#messages .msg.bot');
  const first = desk.locator('#messages .msg.customer').first();
  assert.equal(await first.locator('.chip.intent').textContent(), 'Intent: return_item');
  assert.ok(await first.locator('.chip.sentiment').count() === 1);
  const second = desk.locator('#messages .msg.customer').nth(1);
  assert.equal(await second.locator('.chip.sentiment').textContent(), 'negative');
  assert.equal(await second.locator('.chip.entity[data-type="ORDER_NUMBER"]').textContent(), 'Order: SO20261122001');
  assert.match(await second.locator('.chip.entity[data-type="DATE"]').textContent(), /^Date: 明天 → \d{4}-\d{2}-\d{2}$/);
  await first.locator('button.suggestion').first().click();
  for (let i = 0; !(await desk.inputValue('#reply-input')).includes('申请退货'); ++i) {
    assert.ok(i < 50, 'the suggested answer is put in the reply box');
    await desk.waitForTimeout(100);
  }
  await desk.fill('#reply-input', '');

  step = 'agent reveals the phone number with a reason';
  await desk.click('button.pii[data-type="PHONE_NUMBER"]');
  await desk.waitForSelector('#reveal-dialog[open]');
  await desk.fill('#reveal-reason', 'call the customer back');
  await desk.click('#reveal-confirm');
  await desk.waitForSelector(`button.pii.revealed:has-text("${PHONE}")`);

  step = 'agent replies and the customer receives it live';
  await desk.fill('#reply-input', 'Hello, I am checking your order now.');
  await desk.click('#reply-send');
  await customer.waitForSelector('.hd-agent .hd-text:has-text("checking your order")');

  step = 'customer writes again and the desk receives it live, masked';
  await customer.fill('#hd-input', `my email is e2e.customer@example.com`);
  await customer.click('#hd-send');
  await desk.waitForSelector('#messages .msg.customer button.pii[data-type="EMAIL_ADDRESS"]');
  assert.ok(!(await desk.content()).includes('e2e.customer@example.com'));

  step = 'the desk speaks Chinese';
  await desk.click('#app .lang-toggle');
  await desk.waitForSelector('h2:has-text("会话")');

  step = 'stop the server and verify the audit chain';
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));
  server = null;
  const verify = spawnSync(bin, ['audit', 'verify', '--data-dir', dataDir], { encoding: 'utf8' });
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  const log = spawnSync('grep', ['-c', 'pii.reveal', join(dataDir, 'hushdesk.db')]);
  assert.equal(log.status, 0, 'the reveal is recorded');
  console.log('e2e: all steps passed');
} catch (e) {
  console.error(`e2e FAILED at step "${step}": ${e.message}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.proc.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}
