import { Card } from '@tremor/react';
import { Link } from 'react-router-dom';
import { LogoMark } from '../components/Icons.js';

/** Sign-in needs the sessions API (SPEC 8, roles); until it exists this page says so instead of faking a form. */
export function LoginPage() {
  return (
    <div className="flex min-h-full items-center justify-center bg-tremor-background-muted px-4 py-16">
      <Card className="max-w-md">
        <div className="flex items-center gap-2.5">
          <LogoMark className="h-8 w-8" />
          <span className="text-lg font-semibold tracking-tight text-tremor-content-strong">Tandem</span>
        </div>
        <h1 className="mt-6 text-xl font-semibold text-tremor-content-strong">Sign in</h1>
        <p className="mt-2 text-tremor-default text-tremor-content">
          Signing in with your role (viewer, reviewer, manager or admin) will be available here once accounts
          and sessions are added to the server.
        </p>
        <Link
          to="/"
          className="mt-6 inline-block text-tremor-default font-medium text-tremor-brand hover:text-tremor-brand-emphasis"
        >
          ← Back to the dashboard
        </Link>
      </Card>
    </div>
  );
}
