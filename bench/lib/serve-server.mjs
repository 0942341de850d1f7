// Starts the serve-app child (one side of the load and soak benches) and drives it with signed executor calls.
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchSigningKey, executorBody, inngestSignature } from "./signed-request.mjs";

const libDir = fileURLToPath(new URL(".", import.meta.url));
const exampleDir = join(libDir, "../../examples/express");
const tsxLoader = pathToFileURL(createRequire(join(exampleDir, "package.json")).resolve("tsx/esm")).href;
export const appId = "jobkit-express-example";

/**
 * Forks the server for `side` and resolves once it listens (with a listen backlog of `backlog`); `call` sends it
 * an IPC message and awaits the answer.
 */
export async function startServer(side, { env = {}, backlog = 511 } = {}) {
  const child = fork(join(libDir, "serve-app.mjs"), [side], {
    execArgv: ["--import", tsxLoader, "--expose-gc"],
    env: { ...process.env, ...env, BENCH_BACKLOG: String(backlog) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`the ${side} server exited with ${code} before listening`)),
    );
    child.once("message", (message) => resolve(message.port));
  });
  const call = (type, fields = {}) =>
    new Promise((resolve) => {
      child.once("message", resolve);
      child.send({ ...fields, type });
    });
  const stop = () =>
    new Promise((resolve) => {
      child.removeAllListeners("exit");
      child.once("exit", resolve);
      child.send({ type: "stop" });
    });
  return { side, port, url: `http://127.0.0.1:${port}`, child, call, stop };
}

/** The path and signed headers of one executor call of `functionId`. */
export function signedCall(functionId, body) {
  return {
    method: "POST",
    path: `/api/inngest?fnId=${appId}-${functionId}&stepId=step`,
    headers: {
      "content-type": "application/json",
      "x-inngest-signature": inngestSignature(body, benchSigningKey),
    },
    body,
  };
}

/**
 * The same calls signed now: Inngest's SDK refuses a signature over five minutes old, and a soak or a full load
 * run lasts longer than that, so each batch or round signs its calls afresh.
 */
export function resign(requests) {
  return requests.map((request) => ({
    ...request,
    headers: { ...request.headers, "x-inngest-signature": inngestSignature(request.body, benchSigningKey) },
  }));
}

/**
 * Plays a run the way Inngest's executor does (each call carries the steps reported so far) and returns the
 * body of every call, so the benches can replay call N: the one that runs step N for real.
 */
export async function discoverCalls(url, { functionId, event, runId, calls }) {
  const steps = {};
  const stack = [];
  const bodies = [];
  for (let index = 0; index < calls; index++) {
    const body = executorBody({ event, runId, steps, stack });
    bodies.push(body);
    const { method, path, headers } = signedCall(functionId, body);
    const response = await fetch(`${url}${path}`, { method, headers, body });
    const answer = await response.json();
    if (response.status !== 206) {
      if (response.status !== 200)
        throw new Error(`${functionId} call ${index}: ${response.status} ${JSON.stringify(answer)}`);
      break;
    }
    for (const op of answer) {
      steps[op.id] = op.data ?? null;
      stack.push(op.id);
    }
  }
  return bodies;
}
