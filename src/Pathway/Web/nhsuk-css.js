// Copies the NHS.UK frontend's stylesheet without its @font-face rules (see FrontEnd.targets). Done in Node, not
// in MSBuild: MSBuild turns every backslash into a slash on Linux, and the stylesheet's escaped selectors
// (".\:focus") depend on them.
const fs = require("fs");
const path = require("path");
const [from, to] = process.argv.slice(2);
const css = fs.readFileSync(from, "utf8").replace(/@font-face\{[^}]*\}/g, "");
fs.mkdirSync(path.dirname(to), { recursive: true });
if (!fs.existsSync(to) || fs.readFileSync(to, "utf8") !== css) fs.writeFileSync(to, css);
