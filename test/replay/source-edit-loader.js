/**
 * Webpack loader for the replay guard's proof: edits a workflow's source text inside a scratch
 * bundle (the files on disk stay as they are). Options: { file, search, replace }.
 */
module.exports = function sourceEditLoader(source) {
  const { file, search, replace } = this.getOptions();
  if (!this.resourcePath.endsWith(file)) return source;
  if (!source.includes(search)) throw new Error(`source-edit-loader: "${search}" not found in ${file}`);
  return source.replace(search, replace);
};
