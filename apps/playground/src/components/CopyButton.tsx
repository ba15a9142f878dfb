import { useEffect, useRef, useState } from 'react';
import { copyText } from '../lib/clipboard.js';

/** How long "Copied" stays before the button reads its label again. */
const FEEDBACK_MS = 1_500;

export interface CopyButtonProps {
  text: string;
  /** What is copied, for screen readers and the visible label: "Copy curl", "Copy ref". */
  label: string;
}

export function CopyButton({ text, label }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onClick = async () => {
    try {
      await copyText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), FEEDBACK_MS);
  };

  return (
    <button type="button" className="copy" onClick={onClick}>
      <span aria-live="polite">
        {state === 'copied'
          ? 'Copied'
          : state === 'failed'
            ? 'Copy failed — select and copy by hand'
            : label}
      </span>
    </button>
  );
}
