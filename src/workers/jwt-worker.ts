// Runs the JWT inspector off the main thread, so a 1 MB paste or a slow key
// import does not block the page. The caller stops it after a time limit.
// Errors come back as data, never thrown.

import {
  runJwtInspector,
  type JwtInspectorInputs,
  type JwtInspectorResult,
} from '../tools/jwt/tool';
import type { WorkerRequest, WorkerResponse } from './worker-client';

export interface JwtWorkerInput extends JwtInspectorInputs {
  /** The moment expiry is judged at, in milliseconds since the epoch. */
  readonly nowMs: number;
  readonly timeZone?: string;
}

self.addEventListener('message', async (event: MessageEvent<WorkerRequest<JwtWorkerInput>>) => {
  const { id, input } = event.data;
  let response: WorkerResponse<JwtInspectorResult>;
  try {
    const { nowMs, timeZone, ...inputs } = input;
    const output = await runJwtInspector(inputs, {
      now: new Date(nowMs),
      ...(timeZone ? { timeZone } : {}),
    });
    response = { id, output };
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
});
