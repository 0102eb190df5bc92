/**
 * A loopback HTTP server that answers from a script, for client tests that need a real socket
 * (resets, stalls, slow or truncated answers, exact bytes). Each request is recorded once its
 * body is in, then handed to the next answer of the script; an empty script answers 500.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export type Answer = (res: ServerResponse, req: IncomingMessage, seen: SeenRequest) => void;

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  /** The requests received since the last `reset()`, in order. */
  readonly seen: SeenRequest[];
  /** Replaces the script: one answer per coming request. */
  answer(...answers: Answer[]): void;
  /** Empties the script and the record (between tests). */
  reset(): void;
  close(): Promise<void>;
}

/** Starts the server on a port the system picks, on 127.0.0.1. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  let script: Answer[] = [];
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry: SeenRequest = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() };
      seen.push(entry);
      const next = script.shift() ?? ((r: ServerResponse) => r.writeHead(500).end());
      next(res, req, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answer(...answers) {
      script = answers;
    },
    reset() {
      script = [];
      seen.length = 0;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
