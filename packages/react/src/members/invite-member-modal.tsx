import {
  type FormEvent,
  type KeyboardEvent,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useKeystone } from '../core/keystone-context.ts';
import { ProblemMessage } from '../core/problem-message.tsx';
import { useStyles } from '../core/use-styles.ts';
import { FORM_CSS } from '../organizations/create-organization.tsx';
import { classNames, useAction } from '../organizations/use-action.ts';
import { type Role, useRoles } from '../roles/use-roles.ts';
import { useMemberActions } from './use-organization-members.ts';

export type InviteMemberModalProps = {
  isOpen: boolean;
  onClose: () => void;
  onInvite?: (email: string, role: string) => void;
  /** Defaults to the organization's roles. */
  availableRoles?: Role[];
  defaultRole?: string;
  /** The organization to invite to (default: the active one). */
  orgId?: string;
  className?: string;
};

const CSS = `
.ks-invite-member-modal__backdrop{position:fixed;inset:0;background:rgba(0,0,0,.4);display:grid;place-items:center;z-index:1000}
.ks-invite-member-modal{background:#fff;border-radius:var(--ks-radius,6px);padding:1.5rem;min-width:min(24rem,90vw);font-family:var(--ks-font,inherit)}
.ks-invite-member-modal__actions{display:flex;gap:.5rem;justify-content:flex-end}
`;

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea,[tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog that invites an address with a role to the active organization. Focus moves in
 * on open, Tab stays inside, Escape closes, and focus returns to what had it before.
 */
export function InviteMemberModal({
  isOpen,
  onClose,
  onInvite,
  availableRoles,
  defaultRole = 'member',
  orgId,
  className,
}: InviteMemberModalProps) {
  const { t, session } = useKeystone();
  const org = orgId ?? session.activeOrganizationId;
  const { inviteMember } = useMemberActions(org);
  // Roles load only while open, and only when the caller did not pass them.
  const { roles } = useRoles(isOpen && !availableRoles ? org : null);
  const { run, pending, error, setError } = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState(defaultRole);
  const dialog = useRef<HTMLDivElement>(null);
  const id = useId();
  useStyles('form', FORM_CSS);
  useStyles('invite-member-modal', CSS);

  // On open: remember who had focus, move it into the dialog; on close: give it back, in the
  // same commit that removes the dialog (a layout effect), so focus never rests on the page body.
  // Everything else on the page is inert meanwhile (no focus, no clicks, hidden from screen readers).
  useLayoutEffect(() => {
    if (!isOpen || !dialog.current) return;
    const previous = document.activeElement as HTMLElement | null;
    const restore = makeOthersInert(dialog.current);
    dialog.current.querySelector<HTMLElement>('input')?.focus();
    return () => {
      restore();
      previous?.focus();
    };
  }, [isOpen]);

  useEffect(() => {
    if (isOpen) {
      setEmail('');
      setRole(defaultRole);
      setError(null);
    }
  }, [isOpen, defaultRole, setError]);

  if (!isOpen) return null;
  const choices = (availableRoles ?? roles).filter(
    (candidate) => candidate.key !== 'owner' || availableRoles,
  );

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const address = email.trim();
    const invited = await run(() => inviteMember(address, role));
    if (!invited) return;
    onInvite?.(address, role);
    onClose();
  }

  return (
    <div className="ks-invite-member-modal__backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className={classNames('ks-invite-member-modal', className)}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="ks-invite-member-modal__title">
          {t('inviteMemberModal.title', 'Invite a member')}
        </h2>
        <form className="ks-form ks-invite-member-modal__form" onSubmit={submit}>
          <label className="ks-invite-member-modal__field" htmlFor={`${id}-email`}>
            {t('inviteMemberModal.email', 'Email address')}
            <input
              id={`${id}-email`}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </label>
          <label className="ks-invite-member-modal__field" htmlFor={`${id}-role`}>
            {t('inviteMemberModal.role', 'Role')}
            <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)}>
              {choices.length === 0 && <option value={role}>{role}</option>}
              {choices.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.name}
                </option>
              ))}
            </select>
          </label>
          <ProblemMessage error={error} className="ks-invite-member-modal__error" />
          <div className="ks-invite-member-modal__actions">
            <button
              type="button"
              className="ks-button ks-button--secondary ks-invite-member-modal__cancel"
              onClick={onClose}
            >
              {t('inviteMemberModal.cancel', 'Cancel')}
            </button>
            <button
              type="submit"
              className="ks-invite-member-modal__submit"
              disabled={pending || !email.trim()}
            >
              {pending
                ? t('inviteMemberModal.sending', 'Sending…')
                : t('inviteMemberModal.submit', 'Send invitation')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

/** Sets `inert` on every sibling along the path from `element` up to <body>; returns the undo. */
function makeOthersInert(element: HTMLElement): () => void {
  const changed: Element[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling === node || sibling.hasAttribute('inert')) continue;
      if (sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue;
      sibling.setAttribute('inert', '');
      changed.push(sibling);
    }
  }
  return () => {
    for (const sibling of changed) sibling.removeAttribute('inert');
  };
}
