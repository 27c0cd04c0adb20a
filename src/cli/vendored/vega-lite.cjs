// The CLI build resolves `import("vega-lite")` here (see src/cli/vendor.ts): the vendored copy.
module.exports = require("../vendor").loadVendored("vega-lite");
