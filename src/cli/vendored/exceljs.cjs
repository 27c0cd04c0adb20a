// The CLI build resolves `import("exceljs")` here (see src/cli/vendor.ts): the vendored copy.
module.exports = require("../vendor").loadVendored("exceljs");
