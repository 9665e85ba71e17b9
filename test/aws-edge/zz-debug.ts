import { startEdgeApp } from './helpers';
import { execFileSync } from 'node:child_process';
const e = await startEdgeApp();
try { console.log(execFileSync('node', ['/tmp/big.mjs', e.endpoint]).toString()); } catch (err: any) { console.log(String(err.stdout), String(err.stderr)); } finally { await e.close(); }
