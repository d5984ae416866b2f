/** Words the simulator builds its English-ish sentences from. */
export const simWords = {
  /** Singular nouns. */
  nouns: [
    'system', 'model', 'answer', 'question', 'result', 'approach', 'pipeline', 'team', 'process', 'idea',
    'example', 'river', 'garden', 'city', 'market', 'story', 'method', 'signal', 'pattern', 'design',
    'plan', 'library', 'journey', 'network', 'budget', 'decision', 'source', 'structure', 'window', 'season',
    'report', 'engine', 'project', 'balance', 'detail', 'context', 'record', 'reader', 'problem', 'solution',
  ],
  /** Adjectives. */
  adjectives: [
    'clear', 'simple', 'careful', 'broad', 'early', 'quiet', 'useful', 'steady', 'bright', 'modern',
    'practical', 'small', 'large', 'strong', 'subtle', 'common', 'precise', 'gentle', 'reliable', 'recent',
  ],
  /** Verbs in the third person singular. */
  verbs: [
    'improves', 'supports', 'explains', 'changes', 'shapes', 'connects', 'reveals', 'follows', 'builds', 'measures',
    'reduces', 'guides', 'describes', 'balances', 'creates', 'tests', 'extends', 'protects', 'shows', 'needs',
  ],
  /** Adverbs. */
  adverbs: ['quickly', 'carefully', 'often', 'rarely', 'clearly', 'usually', 'gradually', 'directly', 'mostly', 'simply'],
  /** Prepositions. */
  prepositions: ['with', 'for', 'across', 'through', 'without', 'around', 'within', 'beyond', 'under', 'behind'],
  /** Determiners. */
  determiners: ['the', 'a', 'each', 'every', 'this', 'one', 'that', 'the'],
  /** Sentence openers, followed by a comma. */
  connectors: ['However', 'In practice', 'As a result', 'For example', 'In short', 'At the same time', 'Overall', 'Still'],
  /** Words joining two clauses. */
  conjunctions: ['and', 'but', 'while', 'because', 'so'],
} as const;

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
