// Validates Kubernetes objects against the Kubernetes JSON schemas bundled in the
// kubernetes-models package (offline). Input: one or more multi-document YAML files, or
// standard input. Every object must be of a kind the package models; every one is validated.
// Prints one line per object and exits 1 if any object is invalid or of an unknown kind.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion "apps/v1" -> module "kubernetes-models/apps/v1/<Kind>"; core "v1" -> "kubernetes-models/v1/<Kind>"
async function modelOf(apiVersion, kind) {
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    return module[kind];
  } catch (notModelled) {
    return undefined;
  }
}

function describe(object) {
  const namespace = object?.metadata?.namespace ? `${object.metadata.namespace}/` : "";
  return `${object?.apiVersion ?? "?"} ${object?.kind ?? "?"} ${namespace}${object?.metadata?.name ?? "?"}`;
}

async function validateAll(sources) {
  let checked = 0;
  let invalid = 0;
  for (const { name, text } of sources) {
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        console.log(`INVALID ${name}: not YAML: ${document.errors.map((e) => e.message).join("; ")}`);
        invalid++;
        continue;
      }
      const object = document.toJS();
      if (object === null || object === undefined) {
        continue;
      }
      checked++;
      const Model = typeof object.apiVersion === "string" && typeof object.kind === "string"
        ? await modelOf(object.apiVersion, object.kind) : undefined;
      if (!Model) {
        console.log(`INVALID ${describe(object)}: no Kubernetes schema for this apiVersion/kind`);
        invalid++;
        continue;
      }
      try {
        new Model(object).validate();
        console.log(`valid   ${describe(object)}`);
      } catch (error) {
        console.log(`INVALID ${describe(object)}: ${error.message}`);
        invalid++;
      }
    }
  }
  console.log(`${checked} object(s), ${invalid} invalid`);
  return checked > 0 && invalid === 0;
}

const files = process.argv.slice(2);
const sources = files.length > 0
  ? files.map((file) => ({ name: file, text: readFileSync(file, "utf8") }))
  : [{ name: "stdin", text: readFileSync(0, "utf8") }];
process.exit((await validateAll(sources)) ? 0 : 1);
