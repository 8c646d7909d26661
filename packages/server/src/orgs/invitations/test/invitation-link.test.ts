import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSignedInUser, uniqueEmail } from '../../../../test/support/identity-client.ts';
import {
  invite,
  mailedInvitationToken,
  previewInvitation,
} from '../../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../../test/support/mail-test-app.ts';
import { createOrg } from '../../../../test/support/orgs-client.ts';

/** The mailed link goes to the product's own accept page when KEYSTONE_INVITATION_URL names one. */
describe('the invitation link', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp({
      KEYSTONE_PUBLIC_URL: 'https://id.example.test',
      KEYSTONE_INVITATION_URL: 'https://app.example.test/join?from=mail',
    });
  });
  after(() => t.close());

  it('points to KEYSTONE_INVITATION_URL with the token added, and that token previews the invitation', async () => {
    const owner = await newSignedInUser(t.app);
    const org = await createOrg(t.app, owner.access_token, { name: 'Linked' });
    const email = uniqueEmail('linked');
    await invite(t.app, owner.access_token, org.id, { email, role: 'member' });
    const mail = await t.smtp.waitForMail(email);
    assert.match(mail.text, /https:\/\/app\.example\.test\/join\?from=mail&token=ks_inv_\w+/);
    assert.doesNotMatch(mail.text, /id\.example\.test/);
    const token = await mailedInvitationToken(t.smtp, email);
    const preview = await previewInvitation(t.app, token);
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal(preview.json().organization.name, 'Linked');
  });
});
