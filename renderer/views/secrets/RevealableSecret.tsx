import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/result';
import { SecretMask } from '../../components/SecretMask';
import { call } from '../../lib/api';

const SHOWN_MS = 20_000;

export interface RevealableSecretProps {
  id: string;
  what: 'password' | 'token';
  length: number;
}

/**
 * "Stored ••••" with a Reveal button: the value is fetched on request, shown as text (never in an
 * attribute) for 20 seconds, then forgotten.
 */
export function RevealableSecret({ id, what, length }: RevealableSecretProps) {
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (value === null) return;
    const timer = window.setTimeout(() => setValue(null), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [value]);

  async function toggle() {
    if (value !== null) {
      setValue(null);
      return;
    }
    setError(null);
    const result = await call((api) => api.secrets.reveal({ id, what }));
    if (result.ok) setValue(result.value.value);
    else setError(result.error);
  }

  return (
    <>
      {'Stored '}
      {value !== null ? <span className="ok-mono">{value}</span> : <SecretMask length={length} />}
      <button type="button" className="slds-button ok-reveal" onClick={() => void toggle()}>
        {value !== null ? `Hide ${what}` : `Reveal ${what}`}
      </button>
      {error ? (
        <span className="slds-text-color_error" role="alert">
          {` ${error.message}`}
        </span>
      ) : null}
    </>
  );
}
