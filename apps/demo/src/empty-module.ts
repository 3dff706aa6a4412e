// Stands in for modules an es2022 browser build does not need (vite.config.ts).
export {};
