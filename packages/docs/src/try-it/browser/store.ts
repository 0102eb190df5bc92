/**
 * What the reader entered on a page (credentials, target, obtained tokens), kept in
 * sessionStorage: for this tab only, gone when it closes. Every input bound to a key shows the
 * same value in every panel of the page, so credentials are entered once.
 */
export class Store {
  private readonly values: Record<string, string>;
  private readonly storageKey: string;

  constructor(api: string) {
    this.storageKey = `openregions.try-it.${api}`;
    let saved: Record<string, string> = {};
    try {
      saved = JSON.parse(sessionStorage.getItem(this.storageKey) ?? "{}") as Record<string, string>;
    } catch {
      // a value another version left: start afresh
    }
    this.values = typeof saved === "object" && saved !== null ? saved : {};
  }

  keys(): string[] {
    return Object.keys(this.values);
  }

  get(key: string): string | undefined {
    return this.values[key];
  }

  set(key: string, value: string | undefined): void {
    if (value === undefined || value === "") delete this.values[key];
    else this.values[key] = value;
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(this.values));
    } catch {
      // storage full or disabled: the values live as long as the page
    }
    // every bound input, shown or not: Redoc takes sections out of the page and puts them back
    for (const input of this.bound) {
      if (input.dataset["orKey"] === key && input.value !== (value ?? "")) input.value = value ?? "";
    }
    for (const listener of this.listeners) listener(key);
  }

  private readonly bound = new Set<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  private readonly listeners: Array<(key: string) => void> = [];

  onChange(listener: (key: string) => void): void {
    this.listeners.push(listener);
  }

  /** Stops updating the inputs under `root` (the panel replaced them). */
  release(root: Element): void {
    for (const input of this.bound) if (root.contains(input)) this.bound.delete(input);
  }

  /** Binds an input to a key: it shows the stored value (else `initial`) and stores what is typed. */
  bind(input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, key: string, initial = ""): void {
    input.dataset["orKey"] = key;
    this.bound.add(input);
    input.value = this.get(key) ?? initial;
    input.addEventListener(input instanceof HTMLSelectElement ? "change" : "input", () => this.set(key, input.value));
  }
}
