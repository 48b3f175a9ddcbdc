/**
 * Compiles one-harmonic-scan.wat to WebAssembly with wabt (a dev dependency: only the build script
 * and the test that the committed binary is up to date use it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import wabtInit from "wabt";

export const ONE_HARMONIC_SCAN_WAT_PATH = path.resolve(import.meta.dirname, "one-harmonic-scan.wat");
export const ONE_HARMONIC_SCAN_WASM_MODULE_PATH = path.resolve(import.meta.dirname, "one-harmonic-scan-wasm.ts");

export async function compileOneHarmonicScanWat(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat("one-harmonic-scan.wat", readFileSync(ONE_HARMONIC_SCAN_WAT_PATH, "utf8"), { simd: true });
  try {
    parsed.validate();
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}
