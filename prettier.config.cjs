/** Chosen to match the code as written, so formatting the tree once changes little. */
module.exports = {
  printWidth: 160,
  singleQuote: true,
  trailingComma: 'all',
};
