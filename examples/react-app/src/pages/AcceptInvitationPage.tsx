import { AcceptInvitation } from '@keystone/react';
import { navigate, useLocation } from '../router.tsx';

/**
 * Where invitation mails link to (the server's KEYSTONE_INVITATION_URL, with
 * `?token=ks_inv_…`): what the invitation is for, then joining signed in, by
 * signing in, or by making the account right here.
 */
export function AcceptInvitationPage() {
  const token = useLocation().search.get('token');
  if (!token)
    return <p role="alert">This link has no invitation in it. Open the link from the mail again.</p>;
  return <AcceptInvitation token={token} onAccept={() => navigate('/')} />;
}
