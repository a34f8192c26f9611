// The whole journey in a browser, against a real gateway (admin API + console) and the
// Kintone emulator: first-run setup, inviting a user who accepts and creates a token, a
// Kintone connection tested with a wrong and then the right password, permissions, two
// published apps, the data explorer, the logs, and finally the OData feed read with the
// new user's token. Every page is photographed into artifacts/screenshots/, and the main
// pages are checked again on a phone-sized screen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kintoneConnectorDefinition } from '../../src/connectors/kintone/kintone-connector-definition.js';
import { ConnectorRegistry } from '../../src/control-plane/connector-registry.js';
import { testPasswordHashing } from '../../src/control-plane/password-hasher.js';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway.js';
import {
  startKintoneEmulator,
  type RunningKintoneEmulator,
} from '../../src/kintone-emulator/index.js';
import { registerAdminRoutes } from '../../src/server/admin/register-admin-routes.js';
import { registerConsole } from '../../src/server/console/register-console.js';
import {
  chromiumAvailable,
  launchChromium,
  screenshot,
  type LaunchedBrowser,
} from './support/chromium.js';
import { seriousAccessibilityProblems } from './support/accessibility.js';
import { consoleDist, ensureConsoleBuilt } from './support/ensure-console-built.js';

const administrator = {
  email: 'ada@example.com',
  name: 'Ada Admin',
  password: 'sturdy violet lantern 42',
};
const queryUser = {
  email: 'bob@example.com',
  name: 'Bob Query',
  password: 'quiet harbour pebble 7',
};

// In CI (TSUNAGI_CI=1) a missing Chromium fails the suite instead of skipping it.
/** Waits until the page shows no loading indicator. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.loading').count()).toBe(0);
}

const runnable = chromiumAvailable() || process.env['TSUNAGI_CI'] === '1';

describe.skipIf(!runnable)('the web console journey', () => {
  let dataDirectory: string;
  let emulator: RunningKintoneEmulator;
  let gateway: RunningGateway;
  let browser: LaunchedBrowser;
  let adminContext: BrowserContext;
  let admin: Page;
  let invitationUrl = '';
  let queryUserToken = '';
  /** Uncaught errors and Content-Security-Policy violations seen by the administrator's page. */
  const pageProblems: string[] = [];

  beforeAll(async () => {
    await ensureConsoleBuilt();
    dataDirectory = mkdtempSync(join(tmpdir(), 'tsunagi-e2e-'));
    emulator = await startKintoneEmulator({ seed: 'demo', records: 40 });
    const connectors = new ConnectorRegistry();
    connectors.register(kintoneConnectorDefinition);
    gateway = await startGateway({
      dataDirectory,
      host: '127.0.0.1',
      port: 0,
      connectors,
      logger: false,
      // Cheap password hashing: the journey signs in a few times.
      passwordHashing: testPasswordHashing,
      metrics: { processMetrics: false },
      plugins: [
        (app, parts) => registerAdminRoutes(app, parts),
        (app) => registerConsole(app, { directory: consoleDist }),
      ],
    });
    browser = await launchChromium();
    adminContext = await browser.newContext();
    admin = await adminContext.newPage();
    admin.on('pageerror', (error) => pageProblems.push(`uncaught: ${error.message}`));
    admin.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) pageProblems.push(message.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
    await emulator?.close();
    if (dataDirectory !== undefined) rmSync(dataDirectory, { recursive: true, force: true });
  });

  it('creates the first administrator on first run', async () => {
    await admin.goto(gateway.url);
    await admin.waitForURL('**/setup');
    await expect.poll(() => admin.title()).toBe('Set up Tsunagi · Tsunagi');
    await screenshot(admin, '01-setup');
    await admin.getByLabel('E-mail address').fill(administrator.email);
    await admin.getByLabel('Your name').fill(administrator.name);
    await admin.getByLabel('Password', { exact: true }).fill('short');
    await admin.getByRole('button', { name: 'Create administrator' }).click();
    await admin.getByText('Use at least 12 characters').waitFor();
    await admin.getByLabel('Password', { exact: true }).fill(administrator.password);
    await admin.getByLabel('Repeat the password').fill(administrator.password);
    await admin.getByRole('button', { name: 'Create administrator' }).click();
    await admin.getByRole('heading', { name: `Welcome, ${administrator.name}` }).waitFor();
    await admin.getByRole('heading', { name: 'Get started' }).waitFor();
    await screenshot(admin, '02-get-started');
  });

  it('invites a user and shows the one-time link', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await admin.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const focused = (): Promise<unknown> =>
      admin.evaluate(
        'document.activeElement && (document.activeElement.id || document.activeElement.textContent)',
      );
    // After a navigation, reading starts at the new page's heading.
    await expect.poll(focused).toBe('Users');
    // By keyboard: the dialog takes focus, Escape closes it and gives focus back.
    const invite = admin.getByRole('button', { name: 'Invite user' });
    await invite.focus();
    await admin.keyboard.press('Enter');
    const dialog = admin.getByRole('dialog', { name: 'Invite a user' });
    const emailId = await dialog.getByLabel('E-mail address').getAttribute('id');
    await expect.poll(focused).toBe(emailId);
    await admin.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(focused).toBe('Invite user');
    await admin.keyboard.press('Enter');
    await dialog.getByLabel('E-mail address').fill(queryUser.email);
    await dialog.getByLabel('Name').fill(queryUser.name);
    await screenshot(admin, '03-invite-dialog');
    await dialog.getByRole('button', { name: 'Create invitation' }).click();
    const link = admin.getByRole('dialog', { name: 'Invitation link' });
    invitationUrl = await link.getByLabel('Invitation link', { exact: true }).inputValue();
    expect(invitationUrl).toMatch(/\/invite\/tsg_inv_/);
    await screenshot(admin, '04-invitation-link');
    await link.getByRole('button', { name: 'Done' }).click();
    const row = admin.getByRole('row', { name: new RegExp(queryUser.name) });
    await expect.poll(() => row.getByText('Invited').count()).toBe(1);
    await screenshot(admin, '05-users');
  });

  it('lets the invited user set a password and create a token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(invitationUrl);
    await page.getByRole('heading', { name: 'Accept your invitation' }).waitFor();
    await expect.poll(() => page.getByLabel('E-mail address').inputValue()).toBe(queryUser.email);
    await screenshot(page, '06-accept-invitation');
    await page.getByLabel('Password', { exact: true }).fill(queryUser.password);
    await page.getByLabel('Repeat the password').fill(queryUser.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${queryUser.name}` }).waitFor();

    await page.getByRole('link', { name: /My profile/ }).click();
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    await page.getByRole('button', { name: 'Create token' }).click();
    const create = page.getByRole('dialog', { name: 'Create a personal access token' });
    await create.getByLabel('Name').fill('Salesforce production');
    await create.getByRole('button', { name: 'Create token' }).click();
    const shown = page.getByRole('dialog', { name: 'Your new token' });
    await shown.getByText('you will not see it again').waitFor();
    queryUserToken = await shown
      .getByLabel('Token “Salesforce production”', { exact: true })
      .inputValue();
    expect(queryUserToken).toMatch(/^tsg_pat_/);
    await screenshot(page, '07-token-shown-once');
    await shown.getByRole('button', { name: 'I have copied it' }).click();
    await page.getByRole('row', { name: /Salesforce production/ }).waitFor();
    await screenshot(page, '08-profile-tokens');
    // A query user is not offered the administrators' pages.
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await navigation.getByRole('link', { name: 'Get started' }).click();
    await page.getByRole('heading', { name: 'Get started' }).waitFor();
    for (const name of ['Users', 'Audit log', 'Settings']) {
      expect(await navigation.getByRole('link', { name }).count()).toBe(0);
    }
    await screenshot(page, '08b-query-user-start');
    await page.goto(`${gateway.url}/settings`);
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    await context.close();
  });

  it('adds a Kintone connection: the wrong password fails at a named step, the right one works', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Connections' })
      .click();
    await admin.getByText('No connections yet').waitFor();
    await screenshot(admin, '09-connections-empty');
    await admin.getByRole('button', { name: 'Add connection' }).first().click();
    await admin.getByRole('link', { name: /Kintone/ }).click();
    await admin.getByRole('heading', { name: 'Add a Kintone connection' }).waitFor();
    await admin.getByLabel('Connection name').fill('Kintone demo');
    await admin.getByLabel('Kintone URL').fill(emulator.url);
    await admin.getByLabel('Login name').fill(emulator.adminUser);
    await admin.getByLabel('Password', { exact: true }).fill('not-the-password');
    await screenshot(admin, '10-connection-form');
    await admin.getByRole('button', { name: 'Create & Test' }).click();
    const failure = admin.getByRole('alert').filter({ hasText: /The test failed at “.+”/ });
    await failure.waitFor();
    expect(await failure.textContent()).toMatch(/password/i);
    await screenshot(admin, '11-connection-test-failed');

    await admin.getByLabel('Password', { exact: true }).fill(emulator.adminPassword);
    await admin.getByRole('button', { name: 'Create & Test' }).click();
    await admin.getByText('The connection is created and works.').waitFor();
    await admin.getByRole('heading', { name: 'Kintone demo' }).waitFor();
  });

  it('grants the new user Select on the connection', async () => {
    const select = admin.getByRole('checkbox', { name: `Select for ${queryUser.email}` });
    await select.check();
    await admin.getByRole('checkbox', { name: `Update for ${queryUser.email}` }).check();
    await admin.getByText('1 user changed.').waitFor();
    await screenshot(admin, '12-permissions');
    await admin.getByRole('button', { name: 'Save permissions' }).click();
    await admin.getByText('No unsaved changes.').waitFor();
    await expect.poll(() => select.isChecked()).toBe(true);
  });

  it('edits the connection without showing its secret', async () => {
    await admin
      .getByRole('navigation', { name: 'Connection' })
      .getByRole('link', { name: 'Settings' })
      .click();
    const password = admin.getByLabel('Password', { exact: true });
    await password.waitFor();
    expect(await password.inputValue()).toBe('');
    await admin.getByText('A value is saved and stays hidden').waitFor();
    await admin.getByLabel('Description').fill('The emulated demo domain');
    await admin.getByRole('button', { name: 'Test', exact: true }).click();
    await admin.getByText('The connection works.').waitFor();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('The connection is saved.').waitFor();
    await screenshot(admin, '12b-connection-settings');
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Connections' })
      .click();
    await admin.getByText('The emulated demo domain').waitFor();
    await admin.getByText('Working').waitFor();
    await screenshot(admin, '12c-connections');
  });

  it('publishes two apps with their aliases', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'OData' })
      .click();
    await admin.getByText('Nothing is published yet').waitFor();
    await admin.getByRole('button', { name: 'Add' }).first().click();
    await admin.getByRole('heading', { name: 'Publish tables' }).waitFor();
    await admin.getByRole('checkbox', { name: 'Customers' }).waitFor();
    await admin.getByLabel('Search tables').fill('deal');
    await expect.poll(() => admin.getByRole('checkbox', { name: 'Customers' }).count()).toBe(0);
    await admin.getByRole('checkbox', { name: 'Deals', exact: true }).check();
    await admin.getByLabel('Search tables').fill('');
    await admin.getByRole('checkbox', { name: 'Customers' }).check();
    await admin.getByLabel('Entity set name for Customers').fill('Customers');
    await admin.getByLabel('Entity set name for Deals').fill('Deals');
    await screenshot(admin, '13-publish-tables');
    await admin.getByRole('button', { name: 'Confirm 2 entity sets' }).click();
    await admin.getByRole('heading', { name: 'OData', level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'Customers', exact: true }).waitFor();
    await admin.getByRole('link', { name: 'Deals', exact: true }).waitFor();
    const serviceUrl = await admin.getByLabel('Service URL', { exact: true }).inputValue();
    expect(serviceUrl).toBe(`${gateway.url}/api/odata/service`);
    await admin.getByText('Salesforce Connect: OData 4.0').waitFor();
    await screenshot(admin, '14-odata');
    await admin.getByRole('tab', { name: 'Excel / Power BI' }).click();
    await admin.getByText('From OData Feed').waitFor();
  });

  it('queries the published apps in the data explorer', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Data explorer' })
      .click();
    await admin.getByRole('heading', { name: 'Data explorer' }).waitFor();
    await screenshot(admin, '15-explorer-token');
    await admin.getByRole('button', { name: 'Use a temporary token' }).click();
    const entitySet = admin.getByLabel('Entity set');
    await entitySet.waitFor();
    await entitySet.selectOption('Customers');
    const rows = admin.getByRole('region', { name: 'Rows of Customers' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await admin.getByText(/Rows 1–\d+ of \d+/).waitFor();

    await admin
      .getByLabel('Filter ($filter)')
      .fill("startswith(company_name,'A') or employees gt 100");
    await admin.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => admin.getByLabel('OData URL of this view', { exact: true }).inputValue())
      .toContain('$filter=startswith(company_name');
    await admin.getByRole('columnheader', { name: 'employees' }).getByRole('button').click();
    await expect.poll(() => admin.locator('th[aria-sort="ascending"]').count()).toBe(1);
    await admin.getByText('What the source was asked').click();
    await admin.getByRole('heading', { name: 'The source', exact: true }).waitFor();
    await admin.getByText('The explain document (JSON)').waitFor();
    await screenshot(admin, '16-explorer');

    await admin.getByLabel('Filter ($filter)').fill('no_such_column eq 1');
    await admin.getByRole('button', { name: 'Apply' }).click();
    await admin.getByRole('alert').filter({ hasText: 'no_such_column' }).first().waitFor();
    expect(await admin.getByRole('region', { name: 'Rows of Customers' }).count()).toBe(0);
    await screenshot(admin, '17-explorer-error');

    await entitySet.selectOption('Deals');
    await expect
      .poll(() => admin.getByRole('region', { name: 'Rows of Deals' }).locator('tbody tr').count())
      .toBeGreaterThan(0);
  });

  it('reads the query log and one entry', async () => {
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Query log' })
      .click();
    await admin.getByRole('heading', { name: 'Query log' }).waitFor();
    const entries = admin.locator('table.table-log tbody tr');
    await expect
      .poll(
        async () => {
          await admin.getByRole('button', { name: 'Refresh' }).click();
          return entries.count();
        },
        { timeout: 10_000 },
      )
      .toBeGreaterThan(2);
    await admin.getByLabel('Entity set').selectOption('Customers');
    await expect.poll(() => entries.filter({ hasText: 'Deals' }).count()).toBe(0);
    await screenshot(admin, '18-query-log');
    await entries.first().getByRole('link').click();
    const details = admin.getByRole('dialog', { name: 'Request details' });
    await details.getByText('Source query').waitFor();
    await screenshot(admin, '19-query-log-entry');
    await details.getByRole('button', { name: 'Close' }).click();

    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    await admin.getByRole('cell', { name: 'user.invited' }).first().waitFor();
    await screenshot(admin, '20-audit-log');
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await admin.getByLabel('Longest token lifetime').waitFor();
    await admin.getByLabel('Keep the query log for (days)').fill('400');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Enter a whole number from 1 to 365.').waitFor();
    await admin.getByLabel('Keep the query log for (days)').fill('14');
    await admin.getByLabel('Longest token lifetime').selectOption('30');
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByText('Settings saved.').waitFor();
    await admin.reload();
    await expect
      .poll(() => admin.getByLabel('Keep the query log for (days)').inputValue())
      .toBe('14');
    expect(await admin.getByLabel('Longest token lifetime').inputValue()).toBe('30');
    await screenshot(admin, '21-settings');
  });

  it('serves $metadata and a filtered page to the new user with their token', async () => {
    const basic = `Basic ${Buffer.from(`${queryUser.email}:${queryUserToken}`).toString('base64')}`;
    const metadata = await fetch(`${gateway.serviceUrl}/$metadata`, {
      headers: { authorization: basic },
    });
    expect(metadata.status).toBe(200);
    const csdl = await metadata.text();
    expect(csdl).toContain('EntitySet Name="Customers"');
    expect(csdl).toContain('EntitySet Name="Deals"');
    const page = await fetch(
      `${gateway.serviceUrl}/Customers?$filter=employees%20gt%2010&$orderby=employees%20desc&$top=5&$count=true`,
      { headers: { authorization: basic, accept: 'application/json' } },
    );
    expect(page.status).toBe(200);
    const body = (await page.json()) as { value: { employees: number }[]; '@odata.count': number };
    expect(body.value.length).toBeGreaterThan(0);
    expect(body.value.length).toBeLessThanOrEqual(5);
    expect(body['@odata.count']).toBeGreaterThanOrEqual(body.value.length);
    for (const row of body.value) expect(Number(row.employees)).toBeGreaterThan(10);
  });

  it('disables and enables the user: their token stops and starts working', async () => {
    const basic = `Basic ${Buffer.from(`${queryUser.email}:${queryUserToken}`).toString('base64')}`;
    const read = async (): Promise<number> =>
      (await fetch(`${gateway.serviceUrl}/Customers?$top=1`, { headers: { authorization: basic } }))
        .status;
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    const row = admin.getByRole('row', { name: new RegExp(queryUser.name) });
    await row.getByRole('button', { name: 'Disable' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Disable this user?' });
    await screenshot(admin, '22-disable-confirmation');
    await confirm.getByRole('button', { name: 'Disable user' }).click();
    await row.getByText('Disabled').waitFor();
    expect(await read()).toBe(401);
    await row.getByRole('button', { name: 'Enable' }).click();
    await row.getByText('Active').waitFor();
    expect(await read()).toBe(200);
  });

  it('renames and unpublishes entity sets, renews and withdraws an invitation', async () => {
    const basic = `Basic ${Buffer.from(`${queryUser.email}:${queryUserToken}`).toString('base64')}`;
    const metadata = async (): Promise<string> =>
      (
        await fetch(`${gateway.serviceUrl}/$metadata`, { headers: { authorization: basic } })
      ).text();
    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'OData' })
      .click();
    const deals = admin.getByRole('row', { name: /Deals/ });
    await deals.getByRole('button', { name: 'Rename' }).click();
    const rename = admin.getByRole('dialog', { name: 'Rename the entity set' });
    await rename.getByLabel('Entity set name').fill('Opportunities');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await admin.getByRole('link', { name: 'Opportunities', exact: true }).waitFor();
    await expect.poll(metadata).toContain('EntitySet Name="Opportunities"');
    await admin.getByRole('button', { name: 'Unpublish Customers' }).click();
    await admin
      .getByRole('dialog', { name: 'Unpublish Customers?' })
      .getByRole('button', { name: 'Unpublish' })
      .click();
    await expect
      .poll(() => admin.getByRole('link', { name: 'Customers', exact: true }).count())
      .toBe(0);
    await expect.poll(metadata).not.toContain('EntitySet Name="Customers"');

    await admin
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Users' })
      .click();
    await admin.getByRole('button', { name: 'Invite user' }).click();
    const invite = admin.getByRole('dialog', { name: 'Invite a user' });
    await invite.getByLabel('E-mail address').fill('carol@example.com');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    const linkDialog = admin.getByRole('dialog', { name: 'Invitation link' });
    const first = await linkDialog.getByLabel('Invitation link', { exact: true }).inputValue();
    await linkDialog.getByRole('button', { name: 'Done' }).click();
    const carol = admin.getByRole('row', { name: /carol@example\.com/ });
    await carol.getByRole('button', { name: 'New link' }).click();
    const second = await linkDialog.getByLabel('Invitation link', { exact: true }).inputValue();
    expect(second).not.toBe(first);
    await linkDialog.getByRole('button', { name: 'Done' }).click();
    await carol.getByRole('button', { name: 'Delete carol@example.com' }).click();
    await admin
      .getByRole('dialog', { name: 'Delete this user?' })
      .getByRole('button', { name: 'Delete user' })
      .click();
    await expect.poll(() => carol.count()).toBe(0);
  });

  it('signs out and in again', async () => {
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.getByText('You are signed out.').waitFor();
    await admin.getByLabel('E-mail address').fill(administrator.email);
    await admin.getByLabel('Password', { exact: true }).fill('wrong password, surely');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('alert').filter({ hasText: 'not right' }).waitFor();
    await screenshot(admin, '23-sign-in-failed');
    await admin.getByLabel('Password', { exact: true }).fill(administrator.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: `Welcome, ${administrator.name}` }).waitFor();
  });

  it('raised no uncaught error and no Content-Security-Policy violation', () => {
    expect(pageProblems).toEqual([]);
  });

  it('has no serious accessibility problem (axe-core) on the main pages, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const audit = await browser.newContext({ width: 1280, height: 860 }, colorScheme, {
        bypassCSP: true,
      });
      await audit.addCookies(await adminContext.cookies());
      const page = await audit.newPage();
      const problems: string[] = [];
      for (const [path, heading] of [
        ['/', 'Welcome'],
        ['/users', 'Users'],
        ['/connections', 'Connections'],
        ['/connections/new?kind=kintone', 'Add a Kintone connection'],
        ['/odata', 'OData'],
        ['/odata/add', 'Publish tables'],
        ['/explorer', 'Data explorer'],
        ['/query-log', 'Query log'],
        ['/audit-log', 'Audit log'],
        ['/settings', 'Settings'],
        ['/profile', 'My profile'],
      ] as const) {
        // The dark theme changes colours only: its contrast is checked on a few pages.
        if (
          colorScheme === 'dark' &&
          !['/', '/connections/new?kind=kintone', '/odata', '/query-log'].includes(path)
        ) {
          continue;
        }
        await page.goto(`${gateway.url}${path}`);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await settled(page);
        for (const problem of await seriousAccessibilityProblems(page)) {
          problems.push(`${colorScheme} ${path}: ${problem}`);
        }
      }
      await audit.close();
      expect(problems).toEqual([]);
    }
  }, 60_000);

  it('has a dark theme', async () => {
    const dark = await browser.newContext({ width: 1280, height: 860 }, 'dark');
    await dark.addCookies(await adminContext.cookies());
    const page = await dark.newPage();
    await page.goto(`${gateway.url}/odata`);
    await page.getByRole('heading', { name: 'OData', level: 1 }).waitFor();
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(13, 19, 32)');
    await screenshot(page, 'dark-odata');
    await dark.close();
  });

  it('fits a phone-sized screen', async () => {
    const phone = await browser.newContext({ width: 390, height: 844 });
    await phone.addCookies(await adminContext.cookies());
    const page = await phone.newPage();
    const pages: readonly [string, string][] = [
      ['/', 'Welcome'],
      ['/users', 'Users'],
      ['/connections', 'Connections'],
      ['/odata', 'OData'],
      ['/explorer?set=Customers', 'Data explorer'],
      ['/query-log', 'Query log'],
      ['/profile', 'My profile'],
    ];
    for (const [path, heading] of pages) {
      await page.goto(`${gateway.url}${path}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await settled(page);
      await screenshot(
        page,
        `phone-${path.replace(/[/?=]+/g, '-').replace(/^-|-$/g, '') || 'home'}`,
      );
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `horizontal overflow on ${path}`).toBe(0);
    }
    await page.getByRole('button', { name: 'Menu' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Connections' })
      .click();
    await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    await screenshot(page, 'phone-menu');
    await phone.close();
  });
});
