// Types for Vite's asset imports (?url, ?raw) and import.meta.glob in the renderer.
/// <reference types="vite/client" />
