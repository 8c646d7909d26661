import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  bearer,
  newSignedInUser,
  STRONG_PASSWORD,
  uniqueEmail,
} from '../../../test/support/identity-client.ts';
import { mailedInvitationToken } from '../../../test/support/invitations-client.ts';
import { type MailTestApp, startMailTestApp } from '../../../test/support/mail-test-app.ts';
import { addMember } from '../../../test/support/orgs-client.ts';
import { INSTANCE_TENANT_ID } from '../../platform/db/instance-tenant.ts';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Answer = { statusCode: number; body: string; json(): Record<string, unknown> };

/**
 * One mutation: the route it exercises (as the OpenAPI document names it), how,
 * and what it must leave in which chain. `chain` and `target` are read after the
 * call (a created organization's id is known only then).
 */
type Step = {
  route: `${Method} ${string}`;
  run: () => Promise<Answer>;
  chain: () => string;
  action: string;
  target?: () => string;
};

// Mutation routes of the organizations module that change nothing and so record nothing.
const NOT_MUTATIONS = new Set(['POST /v1/invitations/preview']);

const PREFIXES = [
  '/v1/organizations',
  '/v1/me/active-organization',
  '/v1/app-permissions',
  '/v1/api-keys',
  '/v1/invitations',
];

/** "Every mutation in this issue is audited": each one is performed and its chain must show it. */
describe('audit coverage of every organization, member, role, app permission, API key and invitation mutation', () => {
  let t: MailTestApp;
  before(async () => {
    t = await startMailTestApp();
  });
  after(() => t.close());

  const call = (method: Method, url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  /** The chain's last seq (0 for none yet), read as the operator. */
  async function headSeq(chain: string): Promise<number> {
    const res = await call('GET' as Method, `/v1/organizations/${chain}/audit-log/verify`, t.operator);
    if (res.statusCode === 404) return 0;
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().head as { seq: number } | null)?.seq ?? 0;
  }

  async function entriesAfter(chain: string, seq: number) {
    const res = await call(
      'GET' as Method,
      `/v1/organizations/${chain}/audit-log/export?after_seq=${seq}`,
      t.operator,
    );
    assert.equal(res.statusCode, 200, res.body);
    return res.body === ''
      ? []
      : res.body
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line) as { action: string; target_id: string | null });
  }

  it('each mutation route appends its action to the right chain, and none is left out', async () => {
    const owner = await newSignedInUser(t.app);
    const mover = await newSignedInUser(t.app);
    const leaver = await newSignedInUser(t.app);
    const removed = await newSignedInUser(t.app);
    const invitee = await newSignedInUser(t.app);
    const ownerAuth = bearer(owner.access_token);
    const ids: Record<string, string> = {};
    const org = () => ids.org as string;
    const instance = () => INSTANCE_TENANT_ID;
    const remember = (name: string) => async (res: Answer) => {
      ids[name] = res.json().id as string;
      return res;
    };
    const newInvitation = async (email: string) => {
      const res = await call('POST', `/v1/organizations/${org()}/invitations`, ownerAuth, {
        email,
        role: 'member',
      });
      assert.equal(res.statusCode, 201, res.body);
      return { id: res.json().id as string, token: await mailedInvitationToken(t.smtp, email) };
    };

    const steps: Step[] = [
      {
        route: 'POST /v1/organizations',
        run: () => call('POST', '/v1/organizations', ownerAuth, { name: 'Audited Co' }).then(remember('org')),
        chain: org,
        action: 'organization.created',
        target: org,
      },
      {
        route: 'PATCH /v1/organizations/{orgId}',
        run: () => call('PATCH', `/v1/organizations/${org()}`, ownerAuth, { name: 'Audited Company' }),
        chain: org,
        action: 'organization.updated',
      },
      {
        route: 'POST /v1/organizations/{orgId}/members',
        run: () =>
          call('POST', `/v1/organizations/${org()}/members`, t.operator, {
            user_id: mover.user.id,
            role: 'member',
          }),
        chain: org,
        action: 'member.added',
        target: () => mover.user.id,
      },
      {
        route: 'PATCH /v1/organizations/{orgId}/members/{userId}',
        run: () =>
          call('PATCH', `/v1/organizations/${org()}/members/${mover.user.id}`, ownerAuth, { role: 'viewer' }),
        chain: org,
        action: 'member.role_changed',
        target: () => mover.user.id,
      },
      {
        route: 'POST /v1/me/active-organization',
        run: () => call('POST', '/v1/me/active-organization', bearer(mover.access_token), { org_id: org() }),
        chain: org,
        action: 'member.organization_activated',
      },
      {
        route: 'POST /v1/organizations/{orgId}/members/me/leave',
        run: async () => {
          await addMember(t.database, org(), leaver.user.id, 'member');
          return call('POST', `/v1/organizations/${org()}/members/me/leave`, bearer(leaver.access_token));
        },
        chain: org,
        action: 'member.left',
        target: () => leaver.user.id,
      },
      {
        route: 'DELETE /v1/organizations/{orgId}/members/{userId}',
        run: async () => {
          await addMember(t.database, org(), removed.user.id, 'member');
          return call('DELETE', `/v1/organizations/${org()}/members/${removed.user.id}`, ownerAuth);
        },
        chain: org,
        action: 'member.removed',
        target: () => removed.user.id,
      },
      {
        route: 'POST /v1/organizations/{orgId}/roles',
        run: () =>
          call('POST', `/v1/organizations/${org()}/roles`, ownerAuth, {
            key: 'analyst',
            name: 'Analyst',
            permissions: ['org:read'],
          }),
        chain: org,
        action: 'role.created',
      },
      {
        route: 'PATCH /v1/organizations/{orgId}/roles/{key}',
        run: () => call('PATCH', `/v1/organizations/${org()}/roles/analyst`, ownerAuth, { name: 'Analysts' }),
        chain: org,
        action: 'role.updated',
      },
      {
        route: 'DELETE /v1/organizations/{orgId}/roles/{key}',
        run: () => call('DELETE', `/v1/organizations/${org()}/roles/analyst`, ownerAuth),
        chain: org,
        action: 'role.deleted',
      },
      {
        route: 'POST /v1/app-permissions',
        run: () => call('POST', '/v1/app-permissions', t.operator, { key: 'projects:create' }),
        chain: instance,
        action: 'app_permission.created',
      },
      {
        route: 'POST /v1/api-keys',
        run: () =>
          call('POST', '/v1/api-keys', t.operator, { name: 'backend', scopes: ['orgs:read'] }).then(
            remember('key'),
          ),
        chain: instance,
        action: 'api_key.created',
        target: () => ids.key as string,
      },
      {
        route: 'POST /v1/api-keys/{keyId}/rotate',
        run: async () => {
          const old = ids.key as string;
          const res = await call('POST', `/v1/api-keys/${old}/rotate`, t.operator, {});
          ids.rotated = old;
          ids.key = res.json().id as string;
          return res;
        },
        chain: instance,
        action: 'api_key.rotated',
        target: () => ids.rotated as string,
      },
      {
        route: 'DELETE /v1/api-keys/{keyId}',
        run: () => call('DELETE', `/v1/api-keys/${ids.key}`, t.operator),
        chain: instance,
        action: 'api_key.revoked',
        target: () => ids.key as string,
      },
      {
        route: 'POST /v1/organizations/{orgId}/api-keys',
        run: () =>
          call('POST', `/v1/organizations/${org()}/api-keys`, ownerAuth, {
            name: 'etl',
            scopes: ['orgs:read'],
          }).then(remember('orgKey')),
        chain: org,
        action: 'api_key.created',
        target: () => ids.orgKey as string,
      },
      {
        route: 'POST /v1/organizations/{orgId}/api-keys/{keyId}/rotate',
        run: async () => {
          const old = ids.orgKey as string;
          const res = await call('POST', `/v1/organizations/${org()}/api-keys/${old}/rotate`, ownerAuth, {});
          ids.orgRotated = old;
          ids.orgKey = res.json().id as string;
          return res;
        },
        chain: org,
        action: 'api_key.rotated',
        target: () => ids.orgRotated as string,
      },
      {
        route: 'DELETE /v1/organizations/{orgId}/api-keys/{keyId}',
        run: () => call('DELETE', `/v1/organizations/${org()}/api-keys/${ids.orgKey}`, ownerAuth),
        chain: org,
        action: 'api_key.revoked',
        target: () => ids.orgKey as string,
      },
      {
        route: 'POST /v1/organizations/{orgId}/invitations',
        run: () =>
          call('POST', `/v1/organizations/${org()}/invitations`, ownerAuth, {
            email: uniqueEmail('invited'),
            role: 'member',
          }).then(remember('invitation')),
        chain: org,
        action: 'invitation.created',
        target: () => ids.invitation as string,
      },
      {
        route: 'POST /v1/organizations/{orgId}/invitations/{invitationId}/resend',
        run: () =>
          call('POST', `/v1/organizations/${org()}/invitations/${ids.invitation}/resend`, ownerAuth, {}),
        chain: org,
        action: 'invitation.resent',
        target: () => ids.invitation as string,
      },
      {
        route: 'DELETE /v1/organizations/{orgId}/invitations/{invitationId}',
        run: () => call('DELETE', `/v1/organizations/${org()}/invitations/${ids.invitation}`, ownerAuth),
        chain: org,
        action: 'invitation.revoked',
        target: () => ids.invitation as string,
      },
      {
        route: 'POST /v1/invitations/accept',
        run: async () => {
          const { id, token } = await newInvitation(invitee.email);
          ids.accepted = id;
          return call('POST', '/v1/invitations/accept', bearer(invitee.access_token), { token });
        },
        chain: org,
        action: 'invitation.accepted',
        target: () => ids.accepted as string,
      },
      {
        route: 'POST /v1/invitations/sign-up',
        run: async () => {
          const { id, token } = await newInvitation(uniqueEmail('newcomer'));
          ids.signedUp = id;
          return call('POST', '/v1/invitations/sign-up', {}, { token, password: STRONG_PASSWORD });
        },
        chain: org,
        action: 'invitation.accepted',
        target: () => ids.signedUp as string,
      },
      {
        route: 'DELETE /v1/organizations/{orgId}',
        run: () => call('DELETE', `/v1/organizations/${org()}`, ownerAuth),
        chain: instance,
        action: 'organization.erased',
        target: org,
      },
    ];

    for (const step of steps) {
      // The chain is known before the call except for the organization being created (empty then).
      const chainBefore = ids.org === undefined && step.chain === org ? undefined : step.chain();
      const seq = chainBefore === undefined ? 0 : await headSeq(chainBefore);
      const res = await step.run();
      assert.ok(
        res.statusCode >= 200 && res.statusCode < 300,
        `${step.route}: ${res.statusCode} ${res.body}`,
      );
      const entries = await entriesAfter(step.chain(), seq);
      const target = step.target?.();
      assert.ok(
        entries.some((e) => e.action === step.action && (target === undefined || e.target_id === target)),
        `${step.route} left no ${step.action}${target ? ` on ${target}` : ''} in the ${step.chain()} chain: ${JSON.stringify(entries.map((e) => e.action))}`,
      );
    }

    // Every mutation route of these modules is in the table above (or says why it records nothing).
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const covered = new Set(steps.map((step) => step.route));
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      if (!PREFIXES.some((prefix) => path.startsWith(prefix))) continue;
      for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
        if (!['POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue;
        const route = `${method} ${path}`;
        assert.ok(
          covered.has(route as Step['route']) || NOT_MUTATIONS.has(route),
          `${route} is not covered here`,
        );
      }
    }
  });
});
