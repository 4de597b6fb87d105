import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'test-results/', '.test-build-*/', '.bench-build/'] },
  js.configs.recommended,
  // The rules that read the syntax alone, everywhere: they cost little.
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are what several input checks look for.
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The rules that need the type checker, only where they catch what matters, since each file they
    // look at must be type-checked first (on a cold run, most of the lint's time): the code that runs
    // in production or on a user's machine (src/, the bench, the examples). There: a promise nobody
    // awaits (a rejection nobody handles, a write that may not have happened), a promise where a
    // callback's result is ignored, awaiting what is not a promise, and calling `any`.
    //
    // Not in test/: there, vitest already fails the run on a rejection nobody handled and awaits an
    // `expect(...).resolves/rejects` left hanging (with a warning) before the test ends, and
    // `tsc --noEmit` checks the types; the one false pass those miss, an async callback to forEach
    // whose assertions run after the test ended, is refused by syntax below.
    files: ['src/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.property.name='forEach'] > :matches(ArrowFunctionExpression, FunctionExpression)[async=true]",
          message:
            'forEach does not wait for an async callback: its assertions would run after the test. Use for...of, or await Promise.all(items.map(...)).',
        },
      ],
    },
  },
  {
    // In the service itself, also: `any` leaking from a library or a parse, a throw or rejection of
    // something that is not an Error, an object turned into "[object Object]" in a message, a switch
    // over error codes or states that forgets one, a method called without its object, and a cast
    // that changes nothing.
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/unbound-method': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    // One JSON parser for the whole code base, which refuses prototype-polluting keys.
    files: ['src/**/*.ts'],
    ignores: ['src/domain/shared/safe-json.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'JSON', property: 'parse', message: 'Use parseJson from src/domain/shared/safe-json.ts.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='json'][arguments.length=0]",
          message: 'Read the text and use parseJson from src/domain/shared/safe-json.ts.',
        },
      ],
    },
  },
  {
    // Tests index into what they just built; a wrong guess fails the test, which is the point.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The build and start scripts run on Node.js as they are, without TypeScript.
    files: ['scripts/**/*.js', 'bench/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
);
