/** Types of static-server.mjs, for the tests. */
export function serveStatic(root: string, options?: { port?: number }): Promise<{ url: string; stop(): Promise<void> }>;
