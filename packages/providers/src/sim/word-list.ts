/** Words ignored when picking topic words out of a prompt. */
export const stopWords: ReadonlySet<string> = new Set([
  'about', 'above', 'after', 'again', 'against', 'answer', 'because', 'before', 'being', 'below', 'between', 'could',
  'doing', 'during', 'every', 'first', 'following', 'further', 'having', 'into', 'itself', 'might', 'other', 'please',
  'question', 'should', 'their', 'there', 'these', 'those', 'through', 'under', 'until', 'using', 'where', 'which',
  'while', 'would', 'write', 'written', 'your', 'yours', 'yourself', 'what', 'when', 'with', 'from', 'that', 'this',
  'them', 'then', 'than', 'have', 'will', 'into', 'give', 'make', 'short', 'brief', 'explain', 'describe', 'system',
  'assistant', 'helpful', 'respond', 'response', 'words', 'sentence', 'sentences', 'paragraph', 'paragraphs',
  'critique', 'critic', 'review', 'reviewer', 'propose', 'clarifying', 'questions', 'instructions', 'improve',
  'guidance', 'score', 'scale', 'judge', 'evaluate', 'rating', 'refine', 'revise', 'rewrite', 'draft', 'works',
  'provide', 'given', 'concise', 'detailed', 'summarise', 'summarize', 'reason', 'criteria', 'output', 'return',
  'based', 'following', 'previous', 'improvements', 'suggestions', 'feedback', 'find', 'inaccuracies', 'additions',
  'subject', 'below', 'exactly', 'number', 'rejected', 'reasons', 'again', 'looks', 'makes', 'takes', 'gives',
  'seems', 'comes', 'think', 'thing', 'things', 'example', 'practice', 'result', 'overall', 'still', 'however',
]);
