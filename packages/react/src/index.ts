// @keystone/react: components and hooks for customers' apps, on @keystone/sdk.

export { BUILT_IN_PERMISSIONS } from '@keystone/sdk';
export { LoginForm, type LoginFormProps } from './auth/login-form.tsx';
export { PasswordResetForm, type PasswordResetFormProps } from './auth/password-reset-form.tsx';
export { PasswordResetRequest, type PasswordResetRequestProps } from './auth/password-reset-request.tsx';
export { SignupForm, type SignupFormProps } from './auth/signup-form.tsx';
export { type SignInResult, type SignupData, type UseAuth, useAuth, useUser } from './auth/use-auth.ts';
export {
  KeystoneAuthContext,
  type KeystoneAuthContextValue,
  type MfaChallenge,
  useKeystoneAuth,
} from './core/keystone-auth-context.ts';
export {
  type KeystoneContextValue,
  type KeystoneSession,
  type KeystoneUser,
  type SessionStatus,
  type Translate,
  useKeystone,
} from './core/keystone-context.ts';
export {
  KeystoneProvider,
  type KeystoneProviderProps,
  type KeystoneTheme,
} from './core/keystone-provider.tsx';
export { ProblemMessage, problemText } from './core/problem-message.tsx';
export { AcceptInvitation, type AcceptInvitationProps } from './members/accept-invitation.tsx';
export { InviteMemberModal, type InviteMemberModalProps } from './members/invite-member-modal.tsx';
export { MemberList, type MemberListProps } from './members/member-list.tsx';
export { MemberRoleManager, type MemberRoleManagerProps } from './members/member-role-manager.tsx';
export { PendingInvitations, type PendingInvitationsProps } from './members/pending-invitations.tsx';
export {
  type Invitation,
  type Member,
  type MemberActions,
  type UseOrganizationMembers,
  useMemberActions,
  useOrganizationMembers,
} from './members/use-organization-members.ts';
export { CreateOrganization, type CreateOrganizationProps } from './organizations/create-organization.tsx';
export { OrganizationDetail, type OrganizationDetailProps } from './organizations/organization-detail.tsx';
export { OrganizationList, type OrganizationListProps } from './organizations/organization-list.tsx';
export {
  OrganizationSettings,
  type OrganizationSettingsProps,
} from './organizations/organization-settings.tsx';
export {
  OrganizationSwitcher,
  type OrganizationSwitcherProps,
} from './organizations/organization-switcher.tsx';
export { TenantProvider, type TenantValue, useTenant } from './organizations/tenant-provider.tsx';
export type {
  CreateOrganizationInput,
  Organization,
  OrganizationDetails,
  UpdateOrganizationInput,
} from './organizations/types.ts';
export {
  type UseOrganizations,
  useOrganization,
  useOrganizations,
} from './organizations/use-organizations.ts';
export { PermissionGate, type PermissionGateProps } from './permissions/permission-gate.tsx';
export { RoleGate, type RoleGateProps } from './permissions/role-gate.tsx';
export { type UsePermissions, usePermissions } from './permissions/use-permissions.ts';
export { UserProfile, type UserProfileProps, type UserProfileSection } from './profile/user-profile.tsx';
export { PermissionEditor, type PermissionEditorProps } from './roles/permission-editor.tsx';
export { RoleManager, type RoleManagerProps } from './roles/role-manager.tsx';
export {
  type CreateRoleInput,
  type Role,
  type UpdateRoleInput,
  type UseRoles,
  useRoles,
} from './roles/use-roles.ts';
export { SessionManager, type SessionManagerOptions, type TokenAnswer } from './session/session-manager.ts';
export type { StorageMode, TokenSet } from './session/token-store.ts';
