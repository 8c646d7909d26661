import { UserProfile } from '@keystone/react';

/** Name, email, password, two-step verification (TOTP with a QR code) and sessions. */
export function ProfilePage() {
  return (
    <section>
      <h1>Your profile</h1>
      <UserProfile />
    </section>
  );
}
