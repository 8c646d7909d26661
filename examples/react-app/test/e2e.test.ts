import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { mailedCode } from '../../../packages/react/test/keystone-server.ts';
import { chromiumMissing, type E2e, startE2e } from './e2e-harness.ts';
import { authenticatorCode, invitationLink, personBrowser, screenshot } from './e2e-steps.ts';

/**
 * The example app walked as its users would, in Chromium, against a real Keystone
 * (real mail, real TOTP). The steps build on each other, in order: Ann signs up,
 * verifies her address, creates Acme and invites Ben as a viewer; Ben accepts in
 * his own browser; the admin panel is hidden from him until Ann makes him an admin;
 * Ann switches between her organizations, then turns on two-step verification and
 * signs in with a code. Cleo verifies late and signs out of two tabs at once; Ben
 * resets his password. Each person has a browser context of their own.
 */
describe('the example app in Chromium against a real Keystone', { skip: chromiumMissing }, () => {
  const ann = { name: 'Ann Owner', email: 'ann@example.com', password: 'correct horse battery staple' };
  const ben = { name: 'Ben Viewer', email: 'ben@example.com', password: 'a long and secret passphrase' };
  const cleo = { name: 'Cleo Late', email: 'cleo@example.com', password: 'yet another long passphrase' };
  let e2e: E2e;
  let annContext: BrowserContext;
  let benContext: BrowserContext;
  let annPage: Page;
  let benPage: Page;
  let cleoPage: Page;
  const problems: string[] = [];

  before(async () => {
    e2e = await startE2e();
    annContext = await personBrowser(e2e.browser, problems);
    benContext = await personBrowser(e2e.browser, problems);
    annPage = await annContext.newPage();
    benPage = await benContext.newPage();
  });
  after(() => e2e?.close());

  it('signs up and verifies the address with the code from the mail', async () => {
    const page = annPage;
    await page.goto(`${e2e.appUrl}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill(ann.name);
    await page.getByLabel('Email', { exact: true }).fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await screenshot(page.locator('main'), 'signup-form');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
    await page.getByText(`We emailed a code to ${ann.email}`).waitFor();
    const mail = await e2e.keystone.smtp.waitForMail(ann.email);
    await page.getByLabel('Code from the email').fill(mailedCode(mail.text));
    await screenshot(page.locator('main'), 'signup-verify-email');
    await page.getByRole('button', { name: 'Verify email' }).click();

    await page.getByRole('status').filter({ hasText: 'Your email address is verified' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/sign-in');
  });

  it('signs in with the password', async () => {
    const page = annPage;
    await page.getByLabel('Email', { exact: true }).fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await screenshot(page.locator('main'), 'login-form');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: `Welcome, ${ann.name}` }).waitFor();
    await page.getByText('You are not in any organization yet.').waitFor();
    assert.equal(await page.locator('.app-header__user').textContent(), ann.email);
  });

  it('creates an organization, which becomes the active one', async () => {
    const page = annPage;
    await page.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await page.getByText('None yet: create one below.').waitFor();
    await page.getByLabel('Organization name').fill('Acme');
    await screenshot(page.locator('main'), 'create-organization');
    await page.getByRole('button', { name: 'Create organization' }).click();

    await page.getByRole('heading', { name: 'Members of Acme' }).waitFor();
    const switcher = page.getByLabel('Organization', { exact: true });
    assert.equal(await switcher.locator('option:checked').textContent(), 'Acme');
    const members = page.locator('.ks-member-list__item');
    await members.filter({ hasText: ann.email }).waitFor();
    assert.equal(await members.count(), 1);
  });
  it('invites a second user as a viewer', async () => {
    const page = annPage;
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a member' });
    await dialog.getByLabel('Email address').fill(ben.email);
    await dialog.getByLabel('Role').selectOption({ label: 'Viewer' });
    await screenshot(page, 'invite-member-modal');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();

    await dialog.waitFor({ state: 'hidden' });
    const pending = page.locator('.ks-pending-invitations');
    await pending.getByText(ben.email, { exact: true }).waitFor();
    await screenshot(page.locator('main'), 'members-and-invitations');
  });

  it('the invitee opens the mailed link in his own browser, makes his account and joins', async () => {
    const mail = await e2e.keystone.smtp.waitForMail(ben.email);
    const link = invitationLink(mail.text);
    assert.ok(link.startsWith(`${e2e.appUrl}/invitations/accept?token=`), link);

    const page = benPage;
    await page.goto(link);
    await page.getByRole('heading', { name: 'Join Acme' }).waitFor();
    await page.getByText('You are invited as Viewer.').waitFor();
    await page.getByLabel('Your name').fill(ben.name);
    await page.getByLabel('Choose a password').fill(ben.password);
    await screenshot(page.locator('main'), 'accept-invitation');
    await page.getByRole('button', { name: 'Create account and join' }).click();

    await page.getByRole('heading', { name: `Welcome, ${ben.name}` }).waitFor();
    await page.getByText('You are working in Acme.').waitFor();

    // Ann sees him among the members, and the invitation is no longer pending.
    await annPage.reload();
    await annPage.locator('.ks-member-list__item').filter({ hasText: ben.email }).waitFor();
    await annPage.getByText('No open invitations.').waitFor();
  });

  it('PermissionGate hides the admin panel from the viewer and shows it to the owner', async () => {
    await benPage.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    await benPage.getByText('Only administrators of Acme can see the admin panel.').waitFor();
    assert.equal(await benPage.getByRole('heading', { name: 'Admin panel' }).count(), 0);
    await screenshot(benPage, 'permission-gate-fallback', 140);

    await annPage.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    await annPage.getByRole('heading', { name: 'Admin panel' }).waitFor();
    await annPage.locator('.ks-role-manager').waitFor();
    await screenshot(annPage, 'admin-panel');
  });

  it('the owner makes the viewer an admin: after a reload the gate lets him in', async () => {
    await annPage.getByRole('navigation').getByRole('link', { name: 'Members' }).click();
    await annPage.getByLabel(`Role of ${ben.name}`).selectOption({ label: 'Admin' });
    await annPage.getByRole('button', { name: `Change role of ${ben.name}` }).click();
    await annPage
      .getByRole('button', { name: `Change role of ${ben.name}` })
      .and(annPage.locator(':disabled'))
      .waitFor();

    // Ben's tab does not hear of it by itself; a reload reads his permissions again (the session survives it).
    await benPage.reload();
    await benPage.getByRole('heading', { name: 'Admin panel' }).waitFor();
    assert.equal(await benPage.getByText('Only administrators of Acme can see the admin panel.').count(), 0);
  });

  it('switches organizations: every component follows the active one', async () => {
    const page = annPage;
    await page.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await page.getByLabel('Organization name').fill('Globex');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'Members of Globex' }).waitFor();
    const members = page.locator('.ks-member-list__item');
    await members.filter({ hasText: ann.email }).waitFor();
    assert.equal(await members.count(), 1);

    const switcher = page.getByLabel('Organization', { exact: true });
    await switcher.selectOption({ label: 'Acme' });
    await page.getByRole('heading', { name: 'Members of Acme' }).waitFor();
    await members.filter({ hasText: ben.email }).waitFor();
    assert.equal(await members.count(), 2);
    await screenshot(page.locator('.app-header'), 'organization-switcher');

    await page.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await page.locator('.ks-organization-list').getByText('Globex', { exact: true }).waitFor();
    await screenshot(page.locator('main'), 'organization-list');
  });

  it('turns on two-step verification in the profile, then signs in again with an authenticator code', async () => {
    const page = annPage;
    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.locator('.ks-user-profile__secret').textContent()) ?? '';
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const enrolled = authenticatorCode(secret);
    await page.getByLabel('Code from your authenticator app').fill(enrolled.code);
    await screenshot(page.locator('.ks-user-profile__mfa'), 'user-profile-mfa');
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('Recovery codes').first().waitFor();
    await page.getByRole('button', { name: 'I have saved them' }).click();
    await page.getByText('On. 10 recovery codes left.').waitFor();

    await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(ann.email);
    await page.getByLabel('Password', { exact: true }).fill(ann.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    // A code of a later step than the one that turned it on: each step's code works once.
    await page
      .getByLabel('Code from your authenticator app')
      .fill(authenticatorCode(secret, enrolled.step).code);
    await screenshot(page.locator('main'), 'login-mfa-step');
    await page.getByRole('button', { name: 'Verify' }).click();

    await page.getByRole('heading', { name: `Welcome, ${ann.name}` }).waitFor();
    assert.equal(await page.locator('.app-header__user').textContent(), ann.email);
  });
  it('an address left unverified: sign-in says so, and the verify page mails a new code that works', async () => {
    const context = await personBrowser(e2e.browser, problems);
    const page = await context.newPage();
    cleoPage = page;
    await page.goto(`${e2e.appUrl}/sign-up`);
    await page.getByLabel('Name', { exact: true }).fill(cleo.name);
    await page.getByLabel('Email', { exact: true }).fill(cleo.email);
    await page.getByLabel('Password', { exact: true }).fill(cleo.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Verify your email' }).waitFor();
    const firstCode = mailedCode((await e2e.keystone.smtp.waitForMail(cleo.email)).text);

    // She leaves without the code and comes back to sign in.
    await page.goto(`${e2e.appUrl}/sign-in`);
    await page.getByLabel('Email', { exact: true }).fill(cleo.email);
    await page.getByLabel('Password', { exact: true }).fill(cleo.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Verify your email address' }).waitFor();

    await page.getByRole('link', { name: 'Verify your email' }).click();
    await page.getByLabel('Email', { exact: true }).fill(cleo.email);
    await page.getByRole('button', { name: 'Email me a new code' }).click();
    await page.getByRole('status').filter({ hasText: 'a new code is on its way' }).waitFor();
    const secondCode = mailedCode((await e2e.keystone.smtp.waitForMail(cleo.email, { since: 1 })).text);

    // The new code voids the first one.
    await page.getByLabel('Code from the email').fill(firstCode);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'That code is not valid or has expired.' }).waitFor();
    await screenshot(page.locator('main'), 'verify-email-page');
    await page.getByLabel('Code from the email').fill(secondCode);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();

    await page.getByRole('status').filter({ hasText: 'Your email address is verified' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(cleo.email);
    await page.getByLabel('Password', { exact: true }).fill(cleo.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: `Welcome, ${cleo.name}` }).waitFor();
  });

  it('signing out in one tab signs the same user out in her other tab', async () => {
    // sessionStorage is per tab: the second tab signs in on its own (its own session on the server).
    const other = await cleoPage.context().newPage();
    await other.goto(`${e2e.appUrl}/sign-in`);
    await other.getByLabel('Email', { exact: true }).fill(cleo.email);
    await other.getByLabel('Password', { exact: true }).fill(cleo.password);
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.getByRole('heading', { name: `Welcome, ${cleo.name}` }).waitFor();
    const stored = await other.evaluate(() => sessionStorage.getItem('keystone.session'));
    const otherRefreshToken = (JSON.parse(stored ?? '{}') as { refreshToken?: string }).refreshToken;
    assert.ok(otherRefreshToken, 'the second tab keeps its own refresh token');

    await cleoPage.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
    await cleoPage.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The other tab hears it and shows the sign-in form in place of the home page.
    await other.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await other.getByRole('heading', { name: `Welcome, ${cleo.name}` }).count(), 0);
    // Its session ended on the server too, not only on screen: its refresh token is refused.
    const refresh = await fetch(`${e2e.keystone.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: otherRefreshToken }),
    });
    assert.equal(refresh.status, 401);
    await cleoPage.context().close();
  });
  it('a forgotten password: the mailed code sets a new one, which signs in', async () => {
    const mailsBefore = e2e.keystone.smtp.messages.filter((mail) => mail.to === ben.email).length;
    const context = await personBrowser(e2e.browser, problems);
    const page = await context.newPage();
    await page.goto(`${e2e.appUrl}/sign-in`);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(ben.email);
    await page.getByRole('button', { name: 'Email me a reset code' }).click();

    const mail = await e2e.keystone.smtp.waitForMail(ben.email, { since: mailsBefore });
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Code from the email').fill(mailedCode(mail.text));
    const newPassword = 'a brand new passphrase for ben';
    await page.getByLabel('New password').fill(newPassword);
    await screenshot(page.locator('main'), 'password-reset-form');
    await page.getByRole('button', { name: 'Set new password' }).click();

    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await page.getByLabel('Email', { exact: true }).fill(ben.email);
    await page.getByLabel('Password', { exact: true }).fill(ben.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: `Welcome, ${ben.name}` }).waitFor();
    await context.close();
  });
  it('no page threw or logged an error along the way', () => {
    assert.deepEqual(problems, []);
  });
});
