import { type InputHTMLAttributes, useLayoutEffect, useRef } from 'react';

export interface SecretInputProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange' | 'type' | 'defaultValue'
  > {
  value: string;
  onValueChange: (value: string) => void;
}

/**
 * A masked input for a key. Deliberately uncontrolled: React writes a controlled input's value
 * into the `value` attribute, which puts the key into the page's HTML (DOM snapshots, "copy
 * element", extensions). Here the key only ever lives in the input's `value` property.
 */
export function SecretInput({ value, onValueChange, ...rest }: SecretInputProps) {
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (input.current && input.current.value !== value) input.current.value = value;
  }, [value]);
  return (
    <input
      {...rest}
      ref={input}
      type="password"
      autoComplete="off"
      spellCheck={false}
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
