import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Patterns that build SQL from strings: all SQL goes through Drizzle or the parameterized `sql` tag. */
const STRING_SQL = [
  {
    selector: "MemberExpression[object.name='sql'][property.name='raw']",
    message:
      'sql.raw builds SQL from strings: use the sql`` tag with parameters, or sql.identifier for names.',
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(query|execute|unsafe|exec)$/] > :matches(TemplateLiteral[expressions.length>0], BinaryExpression[operator="+"])',
    message: 'Do not build a query string: pass parameters (sql`` tag or $1 placeholders).',
  },
];

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      '.healthsync/',
      'coverage/',
      'dist/',
      'web/dist/',
      'src/server/db/migrations/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'off',
      '@typescript-eslint/no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...STRING_SQL],
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Fastify plugins and handlers are async by contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
