// A request/response wrapper around a Web Worker with a time limit. A request
// that runs past the limit terminates the worker (the only way to stop work
// in progress) and a fresh worker serves the next request.

export interface WorkerRequest<Input> {
  readonly id: number;
  readonly input: Input;
}

export interface WorkerResponse<Output> {
  readonly id: number;
  readonly output?: Output;
  readonly error?: string;
}

export class WorkerTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`The work did not finish within ${limitMs / 1000} s and was stopped.`);
    this.name = 'WorkerTimeoutError';
  }
}

export interface WorkerClient<Input, Output> {
  run(input: Input): Promise<Output>;
  /** Starts the worker now, so its script is fetched before the first request, not during it. */
  warm(): void;
  dispose(): void;
}

export function createWorkerClient<Input, Output>(
  createWorker: () => Worker,
  limitMs: number,
): WorkerClient<Input, Output> {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      resolve: (output: Output) => void;
      reject: (error: Error) => void;
      timer: ReturnType<typeof setTimeout>;
    }
  >();

  function failAll(error: Error): void {
    for (const entry of pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
    pending.clear();
  }

  function ensureWorker(): Worker {
    if (worker) return worker;
    const created = createWorker();
    created.addEventListener('message', (event: MessageEvent<WorkerResponse<Output>>) => {
      const entry = pending.get(event.data.id);
      if (!entry) return;
      pending.delete(event.data.id);
      clearTimeout(entry.timer);
      if (event.data.error !== undefined) entry.reject(new Error(event.data.error));
      else entry.resolve(event.data.output as Output);
    });
    created.addEventListener('error', (event) => {
      event.preventDefault();
      created.terminate();
      if (worker === created) worker = undefined;
      failAll(new Error(`The background worker failed: ${event.message || 'unknown error'}`));
    });
    worker = created;
    return created;
  }

  return {
    run(input) {
      const id = nextId++;
      const target = ensureWorker();
      return new Promise<Output>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          target.terminate();
          if (worker === target) worker = undefined;
          failAll(new WorkerTimeoutError(limitMs));
          reject(new WorkerTimeoutError(limitMs));
        }, limitMs);
        pending.set(id, { resolve, reject, timer });
        const request: WorkerRequest<Input> = { id, input };
        target.postMessage(request);
      });
    },
    warm() {
      ensureWorker();
    },
    dispose() {
      failAll(new Error('The worker was closed.'));
      worker?.terminate();
      worker = undefined;
    },
  };
}
