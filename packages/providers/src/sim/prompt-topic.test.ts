import { describe, expect, it } from 'vitest';
import { readPromptTopic } from './prompt-topic.ts';

describe('readPromptTopic', () => {
  it.each([
    ['What is a lighthouse and how does it work?', { intent: 'explain', subject: 'a lighthouse', core: 'lighthouse' }],
    ['Explain how weather forecasts work', { intent: 'explain', subject: 'weather forecasts' }],
    ['Explain how a database index speeds up queries.', { intent: 'explain', subject: 'a database index', clause: 'a database index speeds up queries', keywords: ['queries'] }],
    ['Explain photosynthesis to a child.', { intent: 'explain', subject: 'photosynthesis', audience: 'a child' }],
    ['How do I reset my password?', { intent: 'howTo', subject: 'your password', action: 'reset your password', wantsSteps: true }],
    ['Can I change my delivery address?', { intent: 'howTo', action: 'change your delivery address', asksPermission: true }],
    ['Why is the sky blue?', { intent: 'why', subject: 'the sky', clause: 'the sky is blue' }],
    ['Why does the sky look blue?', { intent: 'why', subject: 'the sky', clause: 'the sky looks blue' }],
    ['Explain why tandem bicycles need a strong captain.', { intent: 'why', subject: 'tandem bicycles', clause: 'tandem bicycles need a strong captain', keywords: ['a strong captain'] }],
    ['Compare PostgreSQL and SQLite for a small web app.', { intent: 'compare', subject: 'PostgreSQL', others: ['SQLite'] }],
    ['Should I use React or Vue?', { intent: 'recommend', subject: 'React', others: ['Vue'] }],
    ['My order arrived broken.', { intent: 'problem', subject: 'your order', clause: 'your order arrived broken' }],
    ['What are the benefits of unit tests?', { intent: 'list', subject: 'the benefits of unit tests' }],
    ['Write a haiku about rain', { intent: 'write', form: 'haiku', subject: 'rain' }],
    ['Tell me about the history of the printing press.', { intent: 'explain', subject: 'the history of the printing press' }],
    ['Who wrote Pride and Prejudice?', { intent: 'fact', question: 'Who wrote Pride and Prejudice?' }],
    ['when did the Berlin Wall fall', { intent: 'fact', question: 'When did the Berlin Wall fall?' }],
    ['How many moons does Mars have?', { intent: 'fact' }],
    ['Where can I change my password?', { intent: 'howTo', action: 'change your password' }],
    ['Which is better, tea or coffee?', { intent: 'recommend', subject: 'tea', others: ['coffee'] }],
    ['What is the capital of France?', { intent: 'fact', question: 'What is the capital of France?' }],
    ["What's the population of Tokyo?", { intent: 'fact' }],
    ['What is a refrigerator?', { intent: 'explain', subject: 'a refrigerator' }],
    ['Hi', { intent: 'smallTalk', smallTalk: 'greeting' }],
    ['Say hello', { intent: 'smallTalk', smallTalk: 'greeting' }],
    ['How are you?', { intent: 'smallTalk', smallTalk: 'wellbeing' }],
    ['Thanks a lot!', { intent: 'smallTalk', smallTalk: 'thanks' }],
    ['Say something short.', { intent: 'smallTalk', smallTalk: 'remark', brief: true }],
    ['Tell me a joke', { intent: 'smallTalk', smallTalk: 'joke' }],
    ["Translate 'good morning' into French", { intent: 'unable', unable: { kind: 'translate', text: 'good morning', language: 'French' } }],
    ['How do you say thank you in Spanish?', { intent: 'unable', unable: { kind: 'translate', text: 'thank you', language: 'Spanish' } }],
    ['What is 2 + 2?', { intent: 'unable', unable: { kind: 'arithmetic', expression: '2 + 2' } }],
    ['Summarize the benefits of remote work', { intent: 'explain', subject: 'the benefits of remote work', brief: true }],
    ['Summarize this: the team met on Monday and agreed to ship on Friday after the tests pass.', { intent: 'summarize' }],
    ['A lighthouse seen from the sea at dusk', { intent: 'general', subject: 'A lighthouse', keywords: ['the sea', 'dusk'] }],
    ['A letter written by hand', { subject: 'A letter' }],
  ] as const)('reads "%s"', (prompt, expected) => {
    expect(readPromptTopic(prompt)).toMatchObject(expected);
  });

  it('reads the flags of an instruction prefix and keeps the question as the ask', () => {
    expect(readPromptTopic('Answer briefly: How do I reset my password?')).toMatchObject({ intent: 'howTo', brief: true, action: 'reset your password' });
    expect(readPromptTopic('Answer step by step, with an example: How do I reset my password?')).toMatchObject({ wantsExample: true, wantsSteps: true, brief: false });
  });

  it('takes the first question after a greeting, and the terms a validator asks for', () => {
    expect(readPromptTopic('Hi team, quick one. How do I export my data?')).toMatchObject({ intent: 'howTo', action: 'export your data' });
    const retried = readPromptTopic('Explain the sky.\n\nYour previous answer was rejected for these reasons:\n- the answer must mention "Rayleigh"\nAnswer again and fix every one of them.');
    expect(retried).toMatchObject({ intent: 'explain', subject: 'the sky', mentions: ['Rayleigh'] });
  });

  it('keeps questions about the weather, translation and sums that are explanations as explanations', () => {
    expect(readPromptTopic('Explain how weather forecasts are made.')).toMatchObject({ intent: 'explain' });
    expect(readPromptTopic('What is recursion in programming?')).toMatchObject({ intent: 'explain' });
    expect(readPromptTopic('Why is machine translation hard?')).toMatchObject({ intent: 'why' });
    expect(readPromptTopic('Hi team, thanks for the notes. Can I change my delivery address?')).toMatchObject({ intent: 'howTo' });
  });

  it('falls back to the opening words of anything else', () => {
    expect(readPromptTopic('Benchmark')).toMatchObject({ intent: 'general', subject: 'Benchmark' });
    expect(readPromptTopic('')).toMatchObject({ intent: 'general', subject: 'this' });
  });
});
