// ESLint's no-restricted-syntax for oxlint, which has no native equivalent: each option is an AST
// selector (the same syntax as ESLint's) and the message given when a node matches it.
const noRestrictedSyntax = {
  meta: {
    type: 'problem',
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: { selector: { type: 'string' }, message: { type: 'string' } },
        required: ['selector', 'message'],
        additionalProperties: false,
      },
    },
  },
  create(context) {
    const messages = new Map();
    for (const { selector, message } of context.options) {
      messages.set(selector, [...(messages.get(selector) ?? []), message]);
    }
    return Object.fromEntries(
      [...messages].map(([selector, texts]) => [
        selector,
        (node) => {
          for (const message of texts) context.report({ node, message });
        },
      ]),
    );
  },
};

export default { meta: { name: 'signet' }, rules: { 'no-restricted-syntax': noRestrictedSyntax } };
