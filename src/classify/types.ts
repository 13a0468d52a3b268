export type Category =
  | 'missing-module'
  | 'missing-name'
  | 'truncated-source'
  | 'corrupt-bytecode'
  | 'missing-metadata'
  | 'bad-entry-points'
  | 'unrelated';

export interface PythonException {
  type: string;
  message: string;
}

export interface LoaderFrame {
  /** `module:function` of the frame that loads plugins, e.g. `setuptools.command.egg_info:run`. */
  frame: string;
  /** The entry-point group, when the frame implies it. */
  group: string | null;
}

export interface Classification {
  category: Category;
  exception: PythonException | null;
  /** Full dotted name of the module the failure implicates. */
  module: string | null;
  topLevel: string | null;
  distribution: string | null;
  /** Implicated files: from the message, the SyntaxError location, and frames below the plugin loader. */
  files: string[];
  loader: LoaderFrame | null;
}

export interface Frame {
  path: string;
  line: number;
  /** Absent on the location line of a SyntaxError. */
  func: string | null;
  code: string | null;
}

export interface Traceback {
  frames: Frame[];
  exception: PythonException;
  /** Line index of the exception line, to tell what the build printed after it. */
  end: number;
  /** How this traceback is tied to the one printed before it. */
  chainedTo: 'cause' | 'context' | null;
}
