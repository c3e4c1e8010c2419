// tsc compiles TypeScript only; the Lua scripts ship beside the compiled store.
import { cpSync } from 'node:fs';

cpSync('src/store/scripts', 'dist/src/store/scripts', { recursive: true });
