import { Link } from 'react-router';
import { Compass } from 'lucide-react';
import { Button } from '../ui/button.tsx';
import { EmptyState } from '../ui/empty-state.tsx';

/** Shown for unknown routes and for ids the server does not know. */
export function NotFoundPage({ what = 'page' }: { what?: string }) {
  return (
    <div className="mx-auto max-w-xl p-10" data-testid="not-found">
      <EmptyState
        icon={<Compass />}
        title={`This ${what} does not exist`}
        description="It may have been deleted, or the link is wrong."
        action={
          <Button asChild variant="secondary">
            <Link to="/">Back to pipelines</Link>
          </Button>
        }
      />
    </div>
  );
}
