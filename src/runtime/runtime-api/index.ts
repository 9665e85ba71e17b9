/**
 * Process runtimes over the Lambda Runtime API: Python (python3.x, on the machine's python3 with
 * Stratus's own bootstrap) and custom runtimes (provided, provided.al2, provided.al2023).
 */
import type { RuntimeDriver } from '../types';
import { createPythonLauncher, type PythonLauncherOptions } from '../python/launcher';
import { createProvidedLauncher } from '../provided/launcher';
import { createLauncherDriver } from './driver';

export type ProcessDriverOptions = PythonLauncherOptions;

export function createPythonDriver(options: ProcessDriverOptions = {}): RuntimeDriver {
  return createLauncherDriver([createPythonLauncher(options)]);
}

export function createProvidedDriver(): RuntimeDriver {
  return createLauncherDriver([createProvidedLauncher()]);
}

/** Both in one driver. */
export function createProcessDriver(options: ProcessDriverOptions = {}): RuntimeDriver {
  return createLauncherDriver([createPythonLauncher(options), createProvidedLauncher()]);
}

export { RuntimeApiServer, type RuntimeApiListener, type DispatchedInvocation } from './server';
export { MAX_RESPONSE_PAYLOAD_BYTES, RUNTIME_API_VERSION } from './constants';
