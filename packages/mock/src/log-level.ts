/** How much Prism and the sandbox log on stderr (its own file: the public types stay free of Prism's). */
export type MockLogLevel = "silent" | "error" | "warn" | "info" | "debug";
