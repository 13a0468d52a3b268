// Shared infrastructure for race tests: real interpreters, fresh venvs, a project whose build loads
// plugins, plugin images, and an installer the test steps through a race without sleeps.
export { atLeast, findInterpreters, type Interpreter, type InterpreterSearch } from './interpreters.js';
export {
  makePluginImage,
  type PluginGroup,
  type PluginImage,
  type PluginImageOptions,
} from './plugin-image.js';
export { makeProject, type Project } from './project.js';
export { type SteppedInstaller, startSteppedInstaller } from './stepped-installer.js';
export { tempDirs } from './temp.js';
export { makeVenv, type Venv, type VenvOptions } from './venv.js';
export { readJsonLines, waitFor, waitForShimEvent } from './wait.js';
