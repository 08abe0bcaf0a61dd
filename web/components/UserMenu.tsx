import { Link } from 'react-router-dom';
import { useAuth } from '../lib/auth.js';
import { UserIcon } from './Icons.js';

const ROLE_NOTE = {
  viewer: 'Can read dashboards',
  reviewer: 'Can flag and review',
  manager: 'Can assign reviews',
  admin: 'Full access',
} as const;

/** The signed-in user at the foot of the navigation: name, role, and sign out. */
export function UserMenu() {
  const { me, signOut } = useAuth();
  if (!me) {
    return (
      <Link
        to="/login"
        className="flex items-center gap-3 rounded-tremor-small px-3 py-2 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-subtle"
      >
        <UserIcon className="h-5 w-5 shrink-0 opacity-80" />
        Sign in
      </Link>
    );
  }
  return (
    <div className="rounded-tremor-default border border-tremor-border p-3" data-testid="user-menu">
      <div className="flex items-center gap-3">
        <span
          aria-hidden="true"
          className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-tremor-brand-faint text-tremor-default font-semibold uppercase text-tremor-brand-emphasis"
        >
          {me.name.slice(0, 1)}
        </span>
        <div className="min-w-0">
          <p className="truncate text-tremor-default font-medium text-tremor-content-strong" title={me.name}>
            {me.name}
          </p>
          <p className="text-tremor-label text-tremor-content" title={ROLE_NOTE[me.role]}>
            <span className="capitalize">{me.role}</span>
            {me.kind === 'token' && ' · API token'}
          </p>
        </div>
      </div>
      {me.kind === 'session' && (
        <button
          type="button"
          onClick={() => void signOut()}
          className="mt-3 w-full rounded-tremor-small border border-tremor-border px-3 py-1.5 text-tremor-default font-medium text-tremor-content-emphasis hover:bg-tremor-background-subtle"
        >
          Sign out
        </button>
      )}
    </div>
  );
}
