// Validates every object of rendered manifests against the Kubernetes
// schemas that kubernetes-models ships (nothing is fetched at run time),
// and the custom resources against their CRDs' schemas from the pinned
// @kubernetes-models packages (CloudNativePG; the Prometheus Operator).
// An object whose kind has no schema at all is listed as skipped.
//   node validate.mjs rendered.yaml [more.yaml …]
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// API groups of custom resources → the package holding their schemas.
const CRD_PACKAGES = {
  "postgresql.cnpg.io": "@kubernetes-models/cloudnative-pg",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

const modulePath = (apiVersion) => {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const owner = group === "" ? "kubernetes-models" : CRD_PACKAGES[group] ?? "kubernetes-models";
  return group === "" ? `${owner}/${version}` : `${owner}/${group}/${version}`;
};

let validated = 0;
let failed = 0;
const skipped = [];
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    const object = document.toJS();
    if (!object) continue;
    const where = `${file}: ${object.kind}/${object.metadata?.name}`;
    let models;
    try {
      models = await import(modulePath(object.apiVersion));
    } catch {
      skipped.push(where);
      continue;
    }
    const Model = models[object.kind];
    if (!Model) {
      skipped.push(where);
      continue;
    }
    try {
      new Model(object).validate();
      validated++;
    } catch (error) {
      failed++;
      console.error(`INVALID ${where}: ${error.message}`);
    }
  }
}
for (const s of skipped) console.log(`skipped (no schema): ${s}`);
console.log(`${validated} passed, ${failed} failed`);
process.exit(failed > 0 || validated === 0 ? 1 : 0);
