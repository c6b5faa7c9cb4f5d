// Runs the inspector in a Web Worker whenever an input changes, after a short
// pause in typing. The previous result stays on screen while the next one runs.

import { useEffect, useRef, useState } from 'react';
import type { JwtInspectorResult } from '../tool';
import type { SecretEncoding } from '../keys';
import {
  createWorkerClient,
  WorkerTimeoutError,
  type WorkerClient,
} from '../../../workers/worker-client';
import type { JwtWorkerInput } from '../../../workers/jwt-worker';

export interface JwtInputs {
  readonly token: string;
  readonly key: string;
  readonly secretEncoding: SecretEncoding;
  readonly detachedPayload: string;
}

export interface JwtInspectorState {
  readonly result: JwtInspectorResult | undefined;
  /** The inputs `result` was computed from. */
  readonly resultFor: JwtInputs | undefined;
  readonly running: boolean;
  /** The worker failed or ran out of time; the inputs are kept. */
  readonly failure: string | undefined;
}

/** Time the worker gets for one inspection before it is stopped. */
const workerTimeLimitMs = 10_000;
const typingPauseMs = 120;

export function useJwtInspector(inputs: JwtInputs): JwtInspectorState {
  const clientRef = useRef<WorkerClient<JwtWorkerInput, JwtInspectorResult> | undefined>(undefined);
  const [state, setState] = useState<JwtInspectorState>({
    result: undefined,
    resultFor: undefined,
    running: false,
    failure: undefined,
  });

  useEffect(() => {
    const client = createWorkerClient<JwtWorkerInput, JwtInspectorResult>(
      () =>
        new Worker(new URL('../../../workers/jwt-worker.ts', import.meta.url), { type: 'module' }),
      workerTimeLimitMs,
    );
    client.warm();
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (inputs.token.trim() === '') return;
    let cancelled = false;

    const timer = setTimeout(() => {
      const client = clientRef.current;
      if (!client) return;
      setState((previous) => ({ ...previous, running: true }));
      const request: JwtWorkerInput = {
        token: inputs.token,
        key: inputs.key,
        secretEncoding: inputs.secretEncoding,
        ...(inputs.detachedPayload !== '' ? { detachedPayload: inputs.detachedPayload } : {}),
        nowMs: Date.now(),
      };
      client.run(request).then(
        (result) => {
          if (!cancelled)
            setState({ result, resultFor: inputs, running: false, failure: undefined });
        },
        (error: unknown) => {
          if (cancelled) return;
          const failure =
            error instanceof WorkerTimeoutError
              ? `Inspecting this input took longer than ${workerTimeLimitMs / 1000} seconds, so it was stopped. Try a shorter input or a smaller key.`
              : `The inspector failed: ${error instanceof Error ? error.message : String(error)}. Your input is kept; edit it to try again.`;
          setState((previous) => ({ ...previous, running: false, failure }));
        },
      );
    }, typingPauseMs);

    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [inputs]);

  return state;
}
