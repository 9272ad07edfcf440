// Decrypts a sops file with the npm package sops-age, an independent reader, and prints the result as JSON.
// Used by dev.barge.decrypt.SopsAgeInteropIT. Note: sops-age (4.0.2) does not verify the sops MAC.
// usage: node decrypt.mjs <node_modules dir> <sops file> <env|json|yaml> <age identity file>
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, file, fileType, identityFile] = process.argv.slice(2);
const { decryptSops } = await import(pathToFileURL(join(modules, "sops-age", "dist", "index.js")).href);
const secretKey = (await readFile(identityFile, "utf8"))
  .split("\n")
  .map((line) => line.trim())
  .find((line) => line.startsWith("AGE-SECRET-KEY-"));
const content = await readFile(file, "utf8");
const result = await decryptSops(content, { secretKey, fileType });
process.stdout.write(JSON.stringify(result));
