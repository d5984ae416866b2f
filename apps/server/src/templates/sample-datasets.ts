import type { ServerContext } from '../context.ts';

/** The id of the dataset shipped with the A/B template. */
export const sampleSupportQuestionsId = 'sample-support-questions';

/** Customer questions with a word a good answer mentions (`expected`), for the A/B template's first experiment. */
const supportQuestions: readonly [question: string, expected: string][] = [
  ['How do I reset my password?', 'password'],
  ['Can I change the email address on my account?', 'email'],
  ['Why was my card declined at checkout?', 'card'],
  ['How long does standard shipping take?', 'shipping'],
  ['Can I return an item after 30 days?', 'return'],
  ['How do I cancel my subscription?', 'subscription'],
  ['Where can I download my invoices?', 'invoice'],
  ['Is my data encrypted at rest?', 'encrypted'],
  ['How do I turn on two-factor authentication?', 'authentication'],
  ['Why is the mobile app asking me to log in again?', 'login'],
  ['Can I share my account with my family?', 'account'],
  ['How do I export my data to a spreadsheet?', 'export'],
  ['What happens when my free trial ends?', 'trial'],
  ['How do I change my delivery address after ordering?', 'address'],
  ['My package says delivered but I cannot find it. What now?', 'package'],
  ['Do you offer discounts for students?', 'discount'],
  ['How can I update the payment method for my plan?', 'payment'],
  ['Why did I get charged twice this month?', 'charge'],
  ['Can I pause my membership instead of cancelling?', 'membership'],
  ['How do I invite a colleague to my workspace?', 'invite'],
  ['The app crashes when I open settings. How do I fix it?', 'settings'],
  ['How do I delete my account permanently?', 'delete'],
  ['Can I get a refund for an annual plan?', 'refund'],
  ['How do I change the language of the interface?', 'language'],
  ['Why are my notifications not arriving?', 'notification'],
  ['Is there a limit on how many devices I can use?', 'device'],
  ['How do I connect my calendar?', 'calendar'],
  ['Can I schedule a report to be emailed every week?', 'report'],
  ['What is your phone support number?', 'phone'],
  ['How do I recover a file I deleted yesterday?', 'recover'],
];

/** Stores the sample datasets that are missing (like the templates, at every start). */
export function seedSampleDatasets(context: Pick<ServerContext, 'repositories'>): void {
  if (context.repositories.datasets.get(sampleSupportQuestionsId)) return;
  try {
    context.repositories.datasets.create(sampleSupportQuestionsId, {
      name: 'Sample support questions',
      format: 'csv',
      columns: ['question', 'expected'],
      rows: supportQuestions.map(([question, expected]) => JSON.stringify({ question, expected })),
    });
  } catch (error) {
    console.warn(`The sample dataset was not stored: ${(error as Error).message}`);
  }
}
