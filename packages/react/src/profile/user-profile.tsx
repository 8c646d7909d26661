import { formCss } from '../auth/form-parts.tsx';
import { useKeystone } from '../core/keystone-context.ts';
import { useStyles } from '../core/use-styles.ts';
import { EmailChange } from './email-change.tsx';
import { MfaSettings } from './mfa-settings.tsx';
import { PasswordChange } from './password-change.tsx';
import { ProfileName } from './profile-name.tsx';
import { SessionList } from './session-list.tsx';

export type UserProfileSection = 'profile' | 'email' | 'password' | 'mfa' | 'sessions';

export type UserProfileProps = {
  /** Which sections to show, in order (default all). */
  sections?: UserProfileSection[];
  /** Called after the name or the email address changed. */
  onUpdate?: () => void;
  className?: string;
};

const B = 'user-profile';
const CSS = `${formCss(B)}
.ks-${B}__section{display:flex;flex-direction:column;gap:.75rem;padding:1rem 0;border-bottom:1px solid #e5e7eb}
.ks-${B}__heading{margin:0;font-size:1.05rem}
.ks-${B}__mfa-form,.ks-${B}__recovery{display:flex;flex-direction:column;gap:.75rem;align-items:flex-start}
.ks-${B}__mfa-form .ks-${B}__field{align-self:stretch}
.ks-${B}__qr{border:1px solid #e5e7eb;border-radius:var(--ks-radius,6px)}
.ks-${B}__recovery-codes{display:grid;grid-template-columns:repeat(2,max-content);gap:.25rem 1.5rem;padding:0;list-style:none}
.ks-${B}__session-list{list-style:none;padding:0;margin:0;display:flex;flex-direction:column;gap:.5rem}
.ks-${B}__session{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
.ks-${B}__session-meta{color:#4b5563;font-size:.85rem}`;

const ALL: UserProfileSection[] = ['profile', 'email', 'password', 'mfa', 'sessions'];

/** The signed-in user's account: name, email address, password, two-step verification and sessions. */
export function UserProfile({ sections = ALL, onUpdate, className }: UserProfileProps) {
  const { t, session } = useKeystone();
  useStyles(B, CSS);
  if (session.status !== 'signed_in') {
    return (
      <div className={[`ks-${B}`, className].filter(Boolean).join(' ')}>
        <p className={`ks-${B}__hint`}>
          {session.status === 'loading'
            ? t('profile.loading', 'Loading…')
            : t('profile.signed_out', 'Sign in to see your account.')}
        </p>
      </div>
    );
  }
  return (
    <div className={[`ks-${B}`, className].filter(Boolean).join(' ')}>
      {sections.map((section) => {
        if (section === 'profile') return <ProfileName key={section} onUpdate={onUpdate} />;
        if (section === 'email') return <EmailChange key={section} onUpdate={onUpdate} />;
        if (section === 'password') return <PasswordChange key={section} />;
        if (section === 'mfa') return <MfaSettings key={section} />;
        return <SessionList key={section} />;
      })}
    </div>
  );
}
