// Types of build-deb.mjs for the TypeScript tests that import it (tests/package/deb-package.test.ts).
export declare const STAGE: string;
export declare function debFileName(version: string): string;
export declare function buildDeb(options: { repoRoot: string; log?: (line: string) => void }): Promise<{ file: string; version: string; size: number; seconds: number }>;
