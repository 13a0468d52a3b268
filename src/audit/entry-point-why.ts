/**
 * Which builds an unloadable entry point breaks depends on who loads its group and when: setuptools
 * loads some groups on every build, some on demand; other tools load theirs at start.
 */
export function entryPointWhy(group: string, name: string, failure: string): string {
  const how = `with ${failure}`;
  switch (group) {
    case 'setuptools.finalize_distribution_options':
      return `every setuptools build with this interpreter fails ${how}: setup() loads every ${group} entry point`;
    case 'egg_info.writers':
      return `every setuptools build that runs egg_info (setup.py build/install/sdist/bdist_wheel, pip install ., python -m build) fails ${how}: egg_info loads every writer`;
    case 'setuptools.file_finders':
      return `every sdist, and every egg_info that lists the project's files, fails ${how}: walk_revctrl loads every file finder`;
    case 'distutils.setup_keywords':
      return `every setuptools build whose setup() passes the keyword '${name}' fails ${how}`;
    case 'distutils.commands':
      return `every \`setup.py ${name}\` (and \`setup.py --help-commands\`) fails ${how}`;
    case 'console_scripts':
    case 'gui_scripts':
      return `the \`${name}\` command fails at start ${how}`;
    case 'pytest11':
      return `every pytest run with this interpreter fails ${how}: pytest loads every pytest11 plugin at start`;
    default:
      return `anything that loads the '${group}' entry point '${name}' fails ${how}`;
  }
}
