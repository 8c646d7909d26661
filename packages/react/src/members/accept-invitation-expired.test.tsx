import { randomBytes } from 'node:crypto';
import { cleanup, render, screen } from '@testing-library/react';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { createOrganization, signUpUser, TestKeystoneProvider } from '../../test/org-context.tsx';
import { AcceptInvitation } from './accept-invitation.tsx';

const ADMIN_URL = process.env.KEYSTONE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * An invitation past its expiry. Invitations live an hour at least, so the server
 * runs on a throwaway PostgreSQL database whose row the test ages, as time would.
 */
describe('AcceptInvitation, expired', () => {
  const name = `keystone_react_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const appUrl = new URL(url);
  appUrl.username = 'keystone_app';
  let keystone: TestKeystone;

  async function admin<T>(work: (client: pg.Client) => Promise<T>, database = ADMIN_URL): Promise<T> {
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    await admin((client) => client.query(`CREATE DATABASE ${name}`));
    keystone = await startKeystone({ DATABASE_URL: url.toString(), DATABASE_APP_URL: appUrl.toString() });
  });
  afterAll(async () => {
    await keystone?.stop();
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  afterEach(cleanup);

  it('says the invitation has expired (invitation_expired) and offers no way to join', async () => {
    const owner = await signUpUser(keystone, 'expiring');
    const org = await createOrganization(keystone, owner, 'Late Co');
    const email = `late-${Date.now()}@example.test`;
    const { data } = await owner.client.POST('/v1/organizations/{orgId}/invitations', {
      params: { path: { orgId: org.id } },
      body: { email, role: 'member' },
    });
    const token = /ks_inv_[A-Za-z0-9]+/.exec((await keystone.smtp.waitForMail(email)).text)?.[0];
    if (!token || !data) throw new Error('no invitation link');
    await admin(
      (client) =>
        client.query(`UPDATE org_invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
          data.id,
        ]),
      url.toString(),
    );

    render(
      <TestKeystoneProvider keystone={keystone} user={null}>
        <AcceptInvitation token={token} />
      </TestKeystoneProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This invitation has expired. Ask for a new one.',
    );
    expect(screen.queryByRole('button', { name: /join/i })).toBeNull();
  });
});
