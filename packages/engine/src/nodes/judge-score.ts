import { parseModelJson } from './json-output.ts';

/** The range a judge scores in. */
export interface JudgeScale {
  min: number;
  max: number;
}

/** A judge's verdict read from its answer. */
export interface JudgeVerdict {
  score: number;
  reason: string;
}

/**
 * The prompt asking a model to score a subject against criteria. Its wording
 * ("on a scale from X to Y", "Score:", "Reason:") is also what the `sim`
 * provider recognises as a judge prompt.
 */
export function buildJudgePrompt(subject: string, criteria: string, scale: JudgeScale): string {
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

const number = String.raw`(-?\d+(?:\.\d+)?)`;
const outOf = String.raw`(?:\s*(?:\/|out\s+of)\s*(\d+(?:\.\d+)?))?`;
/** "Score: 8", "**Score**: 8/10", "a score of 7 out of 10", "Rating = 6". */
const labelledPattern = new RegExp(String.raw`\b(?:score|rating|grade)\b[\s*_:=#-]*(?:is\s+|of\s+)?[\s*_]*${number}${outOf}`, 'i');
/** "8/10", "8 out of 10" anywhere. */
const fractionPattern = new RegExp(String.raw`${number}\s*(?:\/|out\s+of)\s*(\d+(?:\.\d+)?)`, 'i');
/** "I would rate it 8", "I give it an 8", "scored 7". */
const verbPattern = new RegExp(String.raw`\b(?:give|gave|rate|rated|scored?)\b[^.\n\d]{0,20}?${number}${outOf}`, 'i');
/** An answer that is only a number, e.g. "8" or "8.5." */
const bareNumberPattern = new RegExp(String.raw`^[\s*_]*${number}[\s*_.!]*$`);
const reasonPattern = /\b(?:reason|reasoning|rationale|justification)\b[\s*_]*[:=-][\s*_]*([\s\S]+)/i;

/**
 * Reads a score from a judge's answer, however chatty: `Score: n`, `n/10`,
 * `**Score**: 8`, `8 out of 10`, or JSON `{"score": n}`. A fraction whose
 * denominator differs from the scale's max is rescaled; the score is clamped
 * into the scale. Undefined when no score can be found.
 */
export function parseJudgeScore(text: string, scale: JudgeScale): JudgeVerdict | undefined {
  const fromJson = readJsonVerdict(text);
  let score = fromJson?.score;
  let reason = fromJson?.reason;
  if (score === undefined) {
    const match = labelledPattern.exec(text) ?? fractionPattern.exec(text) ?? verbPattern.exec(text) ?? bareNumberPattern.exec(text);
    if (!match) return undefined;
    score = Number(match[1]);
    const denominator = match[2] === undefined ? undefined : Number(match[2]);
    if (denominator !== undefined && denominator > 0 && denominator !== scale.max) score = (score / denominator) * scale.max;
  }
  if (!Number.isFinite(score)) return undefined;
  reason ??= reasonPattern.exec(text)?.[1]?.trim() ?? text.trim();
  return { score: clamp(round(score), scale), reason: reason.slice(0, 2000) };
}

function readJsonVerdict(text: string): { score: number; reason?: string } | undefined {
  if (!text.includes('{')) return undefined;
  const json = parseModelJson(text);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  const score = typeof record.score === 'number' ? record.score : typeof record.score === 'string' ? Number.parseFloat(record.score) : NaN;
  if (!Number.isFinite(score)) return undefined;
  const reason = [record.reason, record.reasoning, record.rationale].find((value) => typeof value === 'string') as string | undefined;
  return { score, ...(reason !== undefined ? { reason } : {}) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function clamp(value: number, scale: JudgeScale): number {
  return Math.min(scale.max, Math.max(scale.min, value));
}
