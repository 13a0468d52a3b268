export { EXIT, PluginSettleError, UsageError, CommandError } from './errors.js';
