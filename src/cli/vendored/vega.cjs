// The CLI build resolves `import("vega")` here (see src/cli/vendor.ts): the vendored copy.
module.exports = require("../vendor").loadVendored("vega");
