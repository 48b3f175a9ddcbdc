import { OAUTH_ERRORS, type OAuthErrorCode } from "@/lib/auth/oauth/oauth-flow-cookie";

/** "Continue with GitHub" (when configured) and the message of a failed OAuth round trip. */
export function OAuthButtons({ githubEnabled, next, error }: { githubEnabled: boolean; next: string; error: string | undefined }) {
  const message = error && error in OAUTH_ERRORS ? OAUTH_ERRORS[error as OAuthErrorCode] : null;
  return (
    <div className="mb-6 space-y-3">
      {message && (
        <p role="alert" data-testid="oauth-error" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg">
          {message}
        </p>
      )}
      {githubEnabled && (
        <>
          {/* A plain link: the route sets the flow cookie and redirects to GitHub. */}
          <a
            href={`/auth/github?next=${encodeURIComponent(next)}`}
            className="block w-full rounded border border-line bg-panel px-4 py-3 text-center text-base font-semibold hover:bg-accent-soft"
          >
            Continue with GitHub
          </a>
          <p className="text-center text-xs text-muted">or with email and password</p>
        </>
      )}
    </div>
  );
}
