import { createKeystoneClient } from '@keystone/sdk';
import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeystone, type TestKeystone } from '../../test/keystone-server.ts';
import { KeystoneContext, type KeystoneContextValue } from './keystone-context.ts';
import { ProblemMessage } from './problem-message.tsx';
import { createTranslate } from './translate.ts';

describe('ProblemMessage', () => {
  let keystone: TestKeystone;
  beforeAll(async () => {
    keystone = await startKeystone();
  });
  afterAll(() => keystone.stop());

  function withContext(node: React.ReactNode, localization?: Record<string, string>) {
    const value: KeystoneContextValue = {
      client: createKeystoneClient({ baseUrl: keystone.url }),
      session: { status: 'signed_out', user: null, activeOrganizationId: null, revision: 0 },
      setActiveOrganization: async () => {},
      reloadSession: async () => {},
      reportError: () => {},
      t: createTranslate(localization),
    };
    return <KeystoneContext.Provider value={value}>{node}</KeystoneContext.Provider>;
  }

  it('announces a real server problem as a sentence, overridable by its code', async () => {
    const client = createKeystoneClient({ baseUrl: keystone.url });
    const error = await client
      .POST('/v1/auth/sign-in', { body: { email: 'nobody@example.test', password: 'wrong password 123' } })
      .catch((caught: unknown) => caught);
    const { unmount } = render(withContext(<ProblemMessage error={error} />));
    expect(screen.getByRole('alert').textContent).toBe('The email or password is not correct.');
    unmount();
    render(
      withContext(<ProblemMessage error={error} />, {
        'problem.invalid_credentials': 'Mauvais mot de passe.',
      }),
    );
    expect(screen.getByRole('alert').textContent).toBe('Mauvais mot de passe.');
  });
});
