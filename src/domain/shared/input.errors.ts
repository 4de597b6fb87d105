import { DomainError } from '../errors.js';

export type InputErrorCode = 'input.malformed_json' | 'input.forbidden_json_key';

/** Outside input that cannot be read safely. The message never repeats the input. */
export class InputError extends DomainError<InputErrorCode> {
  override readonly name = 'InputError';
}

export const inputErrors = {
  malformedJson: () => new InputError('input.malformed_json', 'malformed JSON'),
  forbiddenJsonKey: (key: string) => new InputError('input.forbidden_json_key', `JSON key "${key}" is not allowed`),
} as const;
