// Lets a child process (a second worker, a process to SIGKILL) run Proctor's TypeScript sources directly:
// each .ts file is transpiled on require, with the project's compiler options, as ts-jest does in the tests.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const configFile = path.join(__dirname, '..', '..', 'tsconfig.json');
const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, path.dirname(configFile));
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false, inlineSourceMap: false, declaration: false };

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
