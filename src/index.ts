export { CommandError, EXIT, PluginSettleError, UsageError } from './errors.js';
