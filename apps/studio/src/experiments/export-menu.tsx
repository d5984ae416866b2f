import { Download } from 'lucide-react';
import { exportUrl } from '../api/experiments.ts';
import { Button } from '../ui/button.tsx';

const links = [
  { what: 'results', format: 'csv', label: 'Results CSV', testId: 'export-results-csv' },
  { what: 'results', format: 'json', label: 'Results JSON', testId: 'export-results-json' },
  { what: 'analysis', format: 'csv', label: 'Analysis CSV', testId: 'export-analysis-csv' },
  { what: 'analysis', format: 'json', label: 'Analysis JSON', testId: 'export-analysis-json' },
] as const;

/** Download links for the trials (one line each, every metric) and the analysis. */
export function ExportMenu({ experimentId }: { experimentId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5" data-testid="export-menu">
      {links.map((link) => (
        <Button key={link.testId} asChild size="sm" variant="ghost">
          <a href={exportUrl(experimentId, link.what, link.format)} download data-testid={link.testId}>
            <Download />
            {link.label}
          </a>
        </Button>
      ))}
    </div>
  );
}
