import { AuthLayout } from './auth-layout.tsx';
import { OwnerSetupForm } from './owner-setup-form.tsx';

/** First visit with access control on and no account yet: the owner is created here. */
export function SetupPage() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return (
    <AuthLayout
      testId="setup-page"
      title="Create the owner account"
      description="No account exists on this server yet. The owner manages accounts, API keys and security settings; the setup token proves you started the server."
    >
      <OwnerSetupForm needsToken initialToken={token} />
    </AuthLayout>
  );
}
