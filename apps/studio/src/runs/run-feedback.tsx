import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ThumbsDown, ThumbsUp } from 'lucide-react';
import { feedbackQuery, sendFeedback } from '../api/experiments.ts';
import { DetailSection } from '../nodes/detail-section.tsx';
import { Button } from '../ui/button.tsx';
import { cn } from '../ui/cn.ts';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { Input } from '../ui/input.tsx';
import { Textarea } from '../ui/textarea.tsx';

/** A person's verdict on a finished run: thumbs, a score and a comment. It feeds the live A/B view and experiment metrics. */
export function RunFeedback({ runId }: { runId: string }) {
  const queryClient = useQueryClient();
  const given = useQuery(feedbackQuery(runId));
  const [thumbs, setThumbs] = useState<'up' | 'down'>();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const latest = given.data?.at(-1);

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      await sendFeedback(runId, { ...(thumbs ? { thumbs } : {}), ...(score.trim() ? { score: Number(score) } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setThumbs(undefined);
      setScore('');
      setComment('');
      await queryClient.invalidateQueries({ queryKey: feedbackQuery(runId).queryKey });
    } catch (thrown) {
      setError(thrown);
    } finally {
      setSending(false);
    }
  };

  return (
    <DetailSection title="Your feedback" testId="run-feedback">
      {latest ? (
        <p className="text-[13px] text-zinc-600" data-testid="run-feedback-given">
          {given.data!.length} given · latest: {latest.thumbs === 'up' ? '👍' : latest.thumbs === 'down' ? '👎' : ''} {latest.score !== undefined ? `score ${latest.score}` : ''} {latest.comment ? `“${latest.comment}”` : ''}
        </p>
      ) : null}
      <div className="flex items-center gap-2">
        {(['up', 'down'] as const).map((value) => (
          <Button
            key={value}
            size="icon"
            variant="secondary"
            aria-label={value === 'up' ? 'Thumbs up' : 'Thumbs down'}
            aria-pressed={thumbs === value}
            onClick={() => setThumbs(thumbs === value ? undefined : value)}
            className={cn(thumbs === value && (value === 'up' ? 'border-emerald-300 bg-emerald-50 text-emerald-700' : 'border-red-300 bg-red-50 text-red-700'))}
            data-testid={`feedback-thumbs-${value}`}
          >
            {value === 'up' ? <ThumbsUp /> : <ThumbsDown />}
          </Button>
        ))}
        <Input className="w-24" inputMode="decimal" placeholder="Score" aria-label="Score" value={score} onChange={(event) => setScore(event.target.value)} data-testid="feedback-score" />
      </div>
      <Textarea rows={2} placeholder="A comment (optional)" aria-label="Comment" value={comment} onChange={(event) => setComment(event.target.value)} />
      <Button size="sm" variant="primary" onClick={() => void send()} disabled={sending || (!thumbs && !score.trim() && !comment.trim())} data-testid="send-feedback">
        {sending ? 'Sending…' : 'Send feedback'}
      </Button>
      {error ? <ErrorPanel error={error} title="The feedback was not stored" /> : null}
    </DetailSection>
  );
}
