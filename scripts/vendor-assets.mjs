// Copies the pinned front-end libraries from node_modules into wwwroot/lib, so that the portal
// runs from a clone without npm.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lib = join(root, "wwwroot", "lib");
const files = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap/bootstrap.min.css",
  "bootstrap/dist/css/bootstrap.min.css.map": "bootstrap/bootstrap.min.css.map",
  "bootstrap/dist/js/bootstrap.bundle.min.js": "bootstrap/bootstrap.bundle.min.js",
  "bootstrap/dist/js/bootstrap.bundle.min.js.map": "bootstrap/bootstrap.bundle.min.js.map",
  "bootstrap/LICENSE": "bootstrap/LICENSE",
  "bootstrap-icons/font/bootstrap-icons.min.css": "bootstrap-icons/bootstrap-icons.min.css",
  "bootstrap-icons/font/fonts/bootstrap-icons.woff2": "bootstrap-icons/fonts/bootstrap-icons.woff2",
  "bootstrap-icons/font/fonts/bootstrap-icons.woff": "bootstrap-icons/fonts/bootstrap-icons.woff",
  "bootstrap-icons/LICENSE": "bootstrap-icons/LICENSE",
  "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
  "chart.js/LICENSE.md": "chart.js/LICENSE.md",
  "htmx.org/dist/htmx.min.js": "htmx/htmx.min.js",
  "htmx.org/LICENSE": "htmx/LICENSE",
  "aspnet-client-validation/dist/aspnet-validation.min.js": "aspnet-client-validation/aspnet-validation.min.js",
  "aspnet-client-validation/LICENSE": "aspnet-client-validation/LICENSE",
};

rmSync(lib, { recursive: true, force: true });
for (const [from, to] of Object.entries(files)) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", from), target);
}
console.log(`Vendored ${Object.keys(files).length} files into wwwroot/lib`);
