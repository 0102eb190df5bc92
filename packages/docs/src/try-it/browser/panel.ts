/**
 * One operation's "Try it" panel: where it sends, the credentials (shared by every panel of the
 * page), parameters and body from the spec's examples, Send, and the answer with its check
 * against the spec. Plain DOM: real labels, buttons and a live region for the answer.
 */
import type { SpecValidator } from "../../../../apis/src/spec-validator.js";
import type { Applied, Credentials } from "./auth.js";
import { requestUrl, send, type Answer, type OutgoingRequest, type Target } from "./http.js";
import { parameters, requestBody, requirements, successStatus, type BundledSpec, type OperationInfo } from "./spec.js";
import type { Store } from "./store.js";
import type { Targets } from "./targets.js";

export interface PanelContext {
  readonly spec: BundledSpec;
  readonly store: Store;
  readonly credentials: Credentials;
  readonly targets: Targets;
  readonly validator: SpecValidator;
}

let counter = 0;
const uid = (stem: string): string => `or-try-${stem}-${++counter}`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A label and its control, side by side. */
function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint = ""): HTMLElement {
  control.id ||= uid("field");
  const row = element("div", { class: "or-try-field" }, element("label", { for: control.id }, label), control);
  if (hint) {
    const note = element("small", { id: uid("hint") }, hint);
    control.setAttribute("aria-describedby", note.id);
    row.append(note);
  }
  return row;
}

const requirementLabel = (credentials: Credentials, requirement: readonly string[]): string =>
  requirement.length === 0 ? "none" : requirement.map((name) => credentials.label(name)).join(" + ");

/** The verdict on an answer: the status is documented for the operation, and its body and headers follow the spec. */
export function checkAnswer(validator: SpecValidator, operationId: string, answer: Answer): string[] {
  const body = validator.checkResponse(operationId, answer.status, answer.contentType, answer.body);
  const headers = validator.checkHeaders(operationId, answer.status, Object.fromEntries(answer.headers));
  return [...body.problems, ...headers.problems];
}

function renderAnswer(context: PanelContext, op: OperationInfo, answer: Answer, caption: string): HTMLElement {
  const problems = checkAnswer(context.validator, op.operationId, answer);
  const success = successStatus(op);
  const status = element("p", { class: "or-try-status", "data-status": String(answer.status), "data-kind": answer.status < 300 ? "ok" : answer.status < 500 ? "client" : "server" }, `${answer.status} ${answer.statusText}`.trim(), element("span", { class: "or-try-time" }, ` · ${answer.milliseconds} ms`));
  const verdict = problems.length
    ? element("div", { class: "or-try-verdict", "data-verdict": "mismatch" }, element("p", {}, "✗ Does not match the spec:"), element("ul", {}, ...problems.map((problem) => element("li", {}, problem))))
    : element("div", { class: "or-try-verdict", "data-verdict": "match" }, element("p", {}, `✓ Matches the spec: ${answer.status} is documented for ${op.operationId}${answer.body === undefined ? ", with no body" : ", and the body is valid against its schema"}${success && String(answer.status) !== success ? ` (its success is ${success})` : ""}.`));
  const headers = element("details", { class: "or-try-headers" }, element("summary", {}, `Response headers (${answer.headers.length})`), element("pre", {}, answer.headers.map(([name, value]) => `${name}: ${value}`).join("\n")));
  const pretty = typeof answer.body === "object" && answer.body !== null ? JSON.stringify(answer.body, null, 2) : answer.text;
  const body = element("pre", { class: "or-try-response-body", tabindex: "0", "aria-label": "Response body" }, pretty || "(empty body)");
  return element("div", { class: "or-try-answer" }, element("p", { class: "or-try-caption" }, caption), status, verdict, headers, body);
}

export function createPanel(context: PanelContext, op: OperationInfo): HTMLElement {
  const { spec, store, credentials, targets } = context;
  const key = (name: string): string => `${op.operationId}:${name}`;
  const panel = element("section", { class: "or-try", "data-operation-id": op.operationId, "aria-label": `Try it: ${op.summary}` });
  panel.append(element("h3", {}, "Try it"));

  // where it goes
  const targetSelect = element("select");
  for (const option of targets.kinds()) targetSelect.append(element("option", { value: option.kind }, option.label));
  store.bind(targetSelect, "target", "sandbox");
  const targetUrl = element("input", { type: "url", spellcheck: "false", autocomplete: "off" });
  const where = element("p", { class: "or-try-where", "aria-live": "polite" });
  const showTarget = (): void => {
    const kind = targets.kind(targetSelect.value);
    targetUrl.dataset["orKey"] = `target-url:${kind}`;
    targetUrl.value = targets.url(kind);
    where.textContent = targets.describe(targets.current());
  };
  targetUrl.addEventListener("input", () => store.set(`target-url:${targets.kind(targetSelect.value)}`, targetUrl.value));
  store.onChange((changed) => {
    if (changed === "target" || changed.startsWith("target-url:")) showTarget();
  });
  targetSelect.addEventListener("change", showTarget);
  panel.append(element("fieldset", { class: "or-try-target" }, element("legend", {}, "Target"), field("Send to", targetSelect), field("Server URL", targetUrl), where));
  showTarget();

  // credentials
  const alternatives = requirements(spec, op);
  const auth = element("fieldset", { class: "or-try-auth" }, element("legend", {}, "Credentials (entered once for the page, kept in this tab only)"));
  const requirementSelect = element("select");
  requirementSelect.append(...alternatives.map((requirement, i) => element("option", { value: String(i) }, requirementLabel(credentials, requirement))));
  // until the reader picks one, the first alternative whose credentials are entered, else the first that takes any
  const chosenKey = key("requirement");
  const anonymous = alternatives.findIndex((requirement) => requirement.length === 0);
  const automatic = (): number => {
    const ready = alternatives.findIndex((requirement) => requirement.length > 0 && credentials.ready(requirement));
    const any = alternatives.findIndex((requirement) => requirement.length > 0);
    return ready >= 0 ? ready : Math.max(any, 0);
  };
  const chosen = (): number => Number(store.get(chosenKey) ?? automatic());
  requirementSelect.value = String(chosen());
  requirementSelect.addEventListener("change", () => store.set(chosenKey, requirementSelect.value));
  const authInputs = element("div", { class: "or-try-auth-inputs" });
  let shown = -1;
  const showInputs = (): void => {
    if (shown === chosen()) return;
    shown = chosen();
    requirementSelect.value = String(shown);
    const requirement = alternatives[shown] ?? [];
    store.release(authInputs);
    authInputs.replaceChildren(
      ...(requirement.length === 0 ? [element("p", {}, "This call is sent without credentials.")] : []),
      ...credentials.inputs(requirement).map((input) => {
        const control = element("input", { type: input.secret ? "password" : "text", autocomplete: "off", spellcheck: "false" });
        store.bind(control, input.key, input.initial);
        return field(input.label, control);
      }),
    );
  };
  requirementSelect.addEventListener("change", showInputs);
  store.onChange((changed) => {
    if (!changed.startsWith("obtained:") && !changed.startsWith("target")) showInputs();
  });
  if (alternatives.length > 1) auth.append(field("Authenticate with", requirementSelect));
  const forget = element("button", { type: "button", class: "or-try-forget" }, "Forget credentials");
  forget.addEventListener("click", () => credentials.forgetAll());
  auth.append(authInputs, forget);
  showInputs();
  if (!(alternatives.length === 1 && alternatives[0]!.length === 0)) panel.append(auth);
  else panel.append(element("p", { class: "or-try-note" }, "No credentials: this call is anonymous."));

  // parameters
  const params = parameters(spec, op);
  const paramInputs = new Map<string, HTMLInputElement>();
  if (params.length) {
    const set = element("fieldset", { class: "or-try-params" }, element("legend", {}, "Parameters"));
    for (const parameter of params) {
      const control = element("input", { type: "text", spellcheck: "false", autocomplete: "off", ...(parameter.hint && !parameter.required ? { placeholder: parameter.hint } : {}) });
      if (parameter.required) control.required = true;
      store.bind(control, key(`${parameter.in}:${parameter.name}`), parameter.initial);
      paramInputs.set(`${parameter.in}:${parameter.name}`, control);
      set.append(field(`${parameter.name} (${parameter.in}${parameter.required ? ", required" : ""})`, control, parameter.description.split("\n")[0] ?? ""));
    }
    panel.append(set);
  }

  // body
  const media = requestBody(spec, op);
  const bodyInput = element("textarea", { rows: "8", spellcheck: "false", class: "or-try-body" });
  if (media) {
    const set = element("fieldset", { class: "or-try-request-body" }, element("legend", {}, `Body (${media.mediaType})`));
    if (media.examples.length > 1) {
      const choice = element("select");
      choice.append(...media.examples.map((example, i) => element("option", { value: String(i) }, example.label)));
      choice.addEventListener("change", () => {
        bodyInput.value = media.examples[Number(choice.value)]?.value ?? "";
        store.set(key("body"), bodyInput.value);
      });
      set.append(field("Example", choice));
    }
    store.bind(bodyInput, key("body"), media.examples[0]?.value ?? (media.required ? "{}" : ""));
    set.append(field("Request body", bodyInput));
    panel.append(set);
  }

  // send and answer
  const sendButton = element("button", { type: "button", class: "or-try-send" }, `Send ${op.method.toUpperCase()} ${op.path}`);
  const result = element("div", { class: "or-try-result", "aria-live": "polite" });
  panel.append(sendButton, result);

  const buildRequest = (applied: Extract<Applied, { ok: true }>): OutgoingRequest => {
    let path = op.path;
    const query = new URLSearchParams();
    const headers: Record<string, string> = { Accept: "application/json" };
    for (const parameter of params) {
      const value = paramInputs.get(`${parameter.in}:${parameter.name}`)?.value ?? "";
      if (parameter.in === "path") path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
      else if (value === "") continue;
      else if (parameter.in === "query") query.set(parameter.name, value);
      else if (parameter.in === "header") headers[parameter.name] = value;
    }
    for (const [name, value] of Object.entries(applied.query)) query.set(name, value);
    const body = media && bodyInput.value.trim() !== "" ? bodyInput.value : undefined;
    if (body !== undefined && media) headers["Content-Type"] = media.mediaType;
    const search = query.toString();
    return { method: op.method.toUpperCase(), path: search ? `${path}?${search}` : path, headers: { ...headers, ...applied.headers }, ...(body !== undefined ? { body } : {}) };
  };

  const run = async (): Promise<void> => {
    const target: Target = targets.current();
    const sender = (request: OutgoingRequest) => send(target, request);
    let requirement = alternatives[chosen()] ?? [];
    const early: string[] = [];
    if (store.get(chosenKey) === undefined && anonymous >= 0 && !credentials.ready(requirement)) {
      requirement = [];
      early.push("no credentials entered: sent without any, as this operation allows");
    }
    let applied = await credentials.apply(requirement, target, sender);
    if (!applied.ok) {
      const by = applied.operation;
      result.replaceChildren(renderAnswer(context, by, applied.answer, `No credentials: ${by.summary} (${by.method.toUpperCase()} ${by.path}) answered, so ${op.operationId} was not sent.`), ...notes(applied.notes));
      return;
    }
    let request = buildRequest(applied);
    let answer = await sender(request);
    const extra: string[] = [];
    if (answer.status === 401 && applied.obtained) {
      // what was obtained has expired or been revoked: obtain it once more, as the clients do
      credentials.forgetObtained(requirement);
      const again = await credentials.apply(requirement, target, sender);
      if (again.ok) {
        applied = again;
        request = buildRequest(again);
        answer = await sender(request);
        extra.push("the first try answered 401: credentials obtained again and the call sent once more");
      }
    }
    result.replaceChildren(renderAnswer(context, op, answer, `${request.method} ${requestUrl(target, request.path)}${target.viaProxy ? ` → ${target.url}` : ""}`), ...notes([...early, ...applied.notes, ...extra]));
  };
  sendButton.addEventListener("click", () => {
    sendButton.disabled = true;
    result.setAttribute("aria-busy", "true");
    run()
      .catch((error: unknown) => result.replaceChildren(element("p", { class: "or-try-error", role: "alert" }, (error as Error).message)))
      .finally(() => {
        sendButton.disabled = false;
        result.removeAttribute("aria-busy");
      });
  });
  return panel;
}

const notes = (list: readonly string[]): HTMLElement[] => (list.length ? [element("ul", { class: "or-try-notes" }, ...list.map((note) => element("li", {}, note)))] : []);
