/**
 * Copies of the prompts the engine's nodes send (packages/engine/src/nodes/
 * critique.node.ts and judge-score.ts), so the simulator's shape detection is
 * tested against the real wording. Keep in sync when the engine changes them.
 */
export const defaultCritiqueGoal =
  'You are a reviewing assistant. Analyse the answer and propose clarifying questions or instructions that would improve it. Return only the list.';

/** Engine `secondaryPrompt`. */
export function secondaryPrompt(task: string, draft: string): string {
  return `Task:\n${task}\n\nAnswer to review:\n${draft}`;
}

/** Engine `refinePrompt`. */
export function refinePrompt(task: string, draft: string, guidance: string): string {
  return `Task:\n${task}\n\nPrevious answer:\n${draft}\n\nImprove your answer using this guidance:\n${guidance}`;
}

/** Engine `buildJudgePrompt`. */
export function buildJudgePrompt(subject: string, criteria: string, scale: { min: number; max: number }): string {
  return [
    `Score the subject below against the criteria on a scale from ${scale.min} to ${scale.max} (${scale.max} is best).`,
    '',
    'Criteria:',
    criteria,
    '',
    'Subject:',
    subject,
    '',
    'Answer in exactly this form:',
    `Score: <a number from ${scale.min} to ${scale.max}>`,
    'Reason: <one or two sentences>',
  ].join('\n');
}

/** Engine `withFeedback` (validate retries). */
export function withFeedback(prompt: string, feedback: string): string {
  return `${prompt}\n\nYour previous answer was rejected for these reasons:\n${feedback}\nAnswer again and fix every one of them.`;
}
