// Drives Debian's Chromium (playwright-core, no browser download) through the web chat and prints one JSON object of
// observations for WebChatBrowserTest to assert on. Usage: node webchat.mjs BASE_URL TOKEN OUT_DIR DECIDE_BODY_FILE
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const [base, token, outDir, bodyFile] = process.argv.slice(2);
const decideBody = readFileSync(bodyFile, 'utf8');
const result = { pageErrors: [], consoleErrors: [], dialogs: [], apiOkWithoutToken: [] };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => result.pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/401|Unauthorized/.test(m.text())) result.consoleErrors.push(m.text()); });
  page.on('dialog', async (d) => { result.dialogs.push(d.type() + ': ' + d.message()); await d.dismiss(); });
  let tokenGiven = false;
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (!tokenGiven && r.status() < 300 && path !== '/' && !path.startsWith('/static/')) result.apiOkWithoutToken.push(path);
  });

  // 1. Without the token: a prompt, and no API call succeeds.
  await page.goto(base + '/');
  await page.waitForSelector('#token-prompt:not([hidden])', { timeout: 10000 });
  result.tokenPromptShown = true;
  await page.waitForTimeout(500);

  // 2. With it: the page goes live.
  tokenGiven = true;
  await page.fill('#token-input', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('conn').textContent === 'live', null, { timeout: 10000 });
  result.urlHasToken = page.url().includes(token);

  // 3. Trigger an incident through POST /decide and watch it stream in: note when the first agent turn and the
  //    decision appear.
  await page.evaluate(() => {
    window.__seen = {};
    new MutationObserver(() => {
      const t = performance.now();
      if (!window.__seen.turn && document.querySelector('#agents .agent .turn')) window.__seen.turn = t;
      if (!window.__seen.decision && !document.getElementById('decision').hidden) window.__seen.decision = t;
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const decide = await fetch(base + '/decide', { method: 'POST', body: decideBody,
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token } });
  result.decideStatus = decide.status;
  const decision = await decide.json();
  result.incidentId = decision.incident_id;
  await page.waitForFunction(() => document.getElementById('root-cause').textContent.length > 0, null, { timeout: 30000 });
  const seen = await page.evaluate(() => window.__seen);
  result.turnsBeforeDecision = seen.turn != null && seen.decision != null && seen.turn < seen.decision;
  result.agentsShown = await page.$$eval('#agents .agent', (as) => as.map((a) => a.getAttribute('data-agent')));
  result.toolCallsFolded = await page.$$eval('#agents .agent details.tools .tool', (ts) => ts.length);
  result.rootCause = await page.textContent('#root-cause');

  // 4. The metric charts: one with both the change point and the limit marked.
  await page.waitForSelector('#charts .chart', { timeout: 10000 });
  result.chartWithChangePointAndLimit = await page.$$eval('#charts .chart', (cs) =>
    cs.some((c) => c.querySelector('line.change-point') && c.querySelector('line.limit')));
  result.logTemplates = await page.$$eval('#logs tbody tr', (rs) => rs.length);

  // 5. Cluster text is text: the planted markup is visible as characters and never became elements.
  result.xssImgElements = await page.$$eval('img', (is) => is.length);
  result.scriptElements = await page.$$eval('script', (ss) => ss.filter((s) => !s.src.endsWith('/static/app.js')).length);
  result.xssShownAsText = (await page.evaluate(() => document.body.innerText)).includes('<img src=x onerror=alert(1)>');

  await page.screenshot({ path: outDir + '/incident-1280.png', fullPage: true });
  await page.screenshot({ path: outDir + '/incident-overview.png', fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });

  // 6. Approve an action (dry-run) and see its outcome.
  const approve = await page.$('.action[data-status="AWAITING_APPROVAL"] button.approve');
  result.hadAwaitingAction = approve != null;
  if (approve) {
    await approve.click();
    await page.waitForSelector('#confirm:not([hidden])');
    await page.fill('#confirm-name', 'alice');
    await page.click('#confirm-ok');
    await page.waitForSelector('.action .outcome.result', { timeout: 15000 });
    result.approvalOutcome = await page.textContent('.action .outcome.result');
  }

  // 7. Ask in the chat.
  await page.fill('#question', 'why OOM_KILLED?');
  await page.click('#ask-form button');
  await page.waitForSelector('#chat .a.done', { timeout: 15000 });
  result.chatAnswer = await page.textContent('#chat .a.done');

  // 8. A narrow screen: no horizontal scrolling of the main view.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  result.narrowOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: outDir + '/incident-390.png', fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  result.wideOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.screenshot({ path: outDir + '/incident-view.png' });
} catch (e) {
  result.failure = String(e && e.stack || e);
} finally {
  await browser.close();
}
console.log(JSON.stringify(result));
