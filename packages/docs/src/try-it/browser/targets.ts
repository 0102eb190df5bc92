import type { TryItConfig, TryItRuntime } from "../model.js";
import type { Target } from "./http.js";
import type { Store } from "./store.js";

type Kind = Target["kind"];

/**
 * The servers a page can send to: the API's sandbox (the URL the docs server reports, else the
 * mock port on the page's host, where `pnpm mock` serves it), a static Prism mock, or any server,
 * reached through the docs server's forwarding proxy when the page is served by it.
 */
export class Targets {
  constructor(
    private readonly config: TryItConfig,
    private readonly runtime: TryItRuntime,
    private readonly store: Store,
  ) {}

  kinds(): Array<{ kind: Kind; label: string }> {
    return [
      { kind: "sandbox", label: "Sandbox (stateful, local)" },
      { kind: "static", label: "Static mock (the spec's examples)" },
      { kind: "other", label: "Another server" },
    ];
  }

  kind(value: string | undefined): Kind {
    return value === "static" || value === "other" ? value : "sandbox";
  }

  private localUrl(): string {
    const host = location.hostname && location.protocol.startsWith("http") ? location.hostname : "127.0.0.1";
    return `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${this.config.mockPort}`;
  }

  defaultUrl(kind: Kind): string {
    const known = this.runtime.apis[this.config.api];
    if (kind === "sandbox") return known?.sandbox ?? this.localUrl();
    if (kind === "static") return known?.staticMock ?? this.localUrl();
    return this.config.serverUrl ?? "https://";
  }

  url(kind: Kind): string {
    return this.store.get(`target-url:${kind}`) ?? this.defaultUrl(kind);
  }

  current(): Target {
    const kind = this.kind(this.store.get("target"));
    return { kind, url: this.url(kind), viaProxy: kind === "other" && this.runtime.proxy };
  }

  describe(target: Target): string {
    const name = target.kind === "sandbox" ? "the sandbox" : target.kind === "static" ? "the static mock" : "the server";
    const start =
      target.kind === "sandbox" && !this.runtime.apis[this.config.api]?.sandbox
        ? ` (started by "npm start" or "pnpm mock --api ${this.config.api}")`
        : target.kind === "static" && !this.runtime.apis[this.config.api]?.staticMock
          ? ` (start it with "pnpm mock --static --api ${this.config.api}")`
          : "";
    const how = target.viaProxy ? "through the docs server's forwarding proxy" : target.kind === "other" ? "directly (the server must allow this page's origin)" : "directly";
    return `Sends to ${name} at ${target.url}${start}, ${how}.`;
  }
}
