#!/usr/bin/env bash
# One Portage phase, the way ebuild.sh runs it, reduced to what a user's /etc/portage/bashrc meets.
# Written from Portage 3.0.82 (gentoo/portage a20ef27); each step names the file and function it
# follows. Nothing here is Portage's code.
#
#   ebuild-sim.sh <phase>      phase: depend setup compile test install postinst prerm postrm
#
# Environment in: EBUILD (the ebuild), PORTAGE_BASHRC (the user's bashrc), T (per-build temp dir),
# VDB_ENV (where the install phase saves what would be /var/db/pkg/<cat>/<pf>/environment.bz2),
# EPYTHON_REAL (the interpreter python_wrapper_setup links). Out: ${T}/environment after each phase,
# ${T}/logging/<phase> (elog), ${T}/bashrc.<phase>.{before,after} (the shell state around the bashrc).
EBUILD_PHASE=$1
CATEGORY=dev-python PF=demo-1.0 P=demo-1.0 PN=demo PORTAGE_REPO_NAME=sim
EMERGE_FROM=ebuild

# isolated-functions.sh, die(): in a subshell it signals the master, which `trap 'exit 1' SIGTERM`s.
die() {
	echo " * ERROR: ${CATEGORY}/${PF}::${PORTAGE_REPO_NAME} failed (${EBUILD_PHASE} phase):" >&2
	echo " *   $*" >&2
	[[ ${BASHPID} != "${EBUILD_MASTER_PID}" ]] && kill -s SIGTERM "${EBUILD_MASTER_PID}"
	exit 1
}
export EBUILD_MASTER_PID=${BASHPID}
trap 'exit 1' SIGTERM

# isolated-functions.sh, __elog_base() and its callers: "<CLASS> <message>" lines in
# ${T}/logging/${EBUILD_PHASE}, which emerge's elog summary collects; the message also goes to stderr.
__elog_base() {
	local messagetype=$1
	shift
	[[ -z "${1}" || -z "${T}" || ! -d "${T}/logging" ]] && return 1
	echo -e "$@" | while read -r; do echo "${messagetype} ${REPLY}"; done >>"${T}/logging/${EBUILD_PHASE:-other}"
}
elog() { __elog_base LOG "$*" && echo " * $*" >&2; }
einfo() { __elog_base INFO "$*" && echo " * $*" >&2; }
ewarn() { __elog_base WARN "$*" && echo " * $*" >&2; }
eerror() { __elog_base ERROR "$*" && echo " * $*" >&2; }
eqawarn() { __elog_base QA "$*" && echo " * $*" >&2; }
inherit() {
	local eclass
	for eclass; do
		INHERITED+=" ${eclass}"
		source "${ECLASSDIR}/${eclass}.eclass" || die "died sourcing ${eclass}"
	done
}

# ebuild.sh, top level: in the depend phase external commands are trapped.
if [[ ${EBUILD_PHASE} == depend ]]; then
	_PORTAGE_ORIG_PATH=${PATH}
	export PATH=/dev/null
	command_not_found_handle() {
		die "External commands disallowed while sourcing ebuild: ${*}"
	}
fi

# ebuild.sh, QA_INTERCEPTORS: per phase, a few commands are replaced by shell functions that warn
# and run the real command (or fail with 127 when it is missing); __save_ebuild_env later unsets every
# function the variable names. Only the behaviour matters here: which names, and that they are functions.
case ${EBUILD_PHASE} in
depend) QA_INTERCEPTORS="awk bash cc egrep equery fgrep g++ gawk gcc grep javac java-config nawk perl
		pkg-config python python-config sed" ;;
clean*) unset QA_INTERCEPTORS ;;
*) QA_INTERCEPTORS="autoconf automake aclocal libtoolize" ;;
esac
__sim_intercept() {
	local name=$1 real
	real=$(type -P -- "${name}") || real=
	if [[ -n ${real} ]]; then
		eval "${name}() { eqawarn \"QA Notice: '${name}' called by \${FUNCNAME[1]}\"; '${real}' \"\$@\"; }"
	else
		eval "${name}() { echo \"*** missing command: ${name}\" >&2; return 127; }"
	fi
}
for __sim_name in ${QA_INTERCEPTORS}; do __sim_intercept "${__sim_name}"; done
unset -f __sim_intercept
unset __sim_name

# save-ebuild-env.sh, __save_ebuild_env() piped through phase-functions.sh, __filter_readonly_variables():
# a subshell that unsets Portage's own variables and functions (a representative part of its lists),
# every function named in QA_INTERCEPTORS and the ___ namespace, then prints `declare -p` and
# `declare -fp`, leaving out bash's own and read-only variables. --exclude-init-phases drops the src_*
# phases; --filter-path drops PATH (for environment.bz2), --filter-features drops FEATURES.
__save_ebuild_env() (
	local exclude=0 filter_path=0 name attributes
	[[ " $* " == *" --exclude-init-phases "* ]] && exclude=1
	[[ " $* " == *" --filter-path "* ]] && filter_path=1
	unset -v EBUILD_MASTER_PID ECLASS_DEPTH PORTAGE_BASHRCS_SOURCED QA_INTERCEPTORS LAST_E_CMD PWD OLDPWD HOME TMPDIR
	unset -f die elog einfo ewarn eerror eqawarn __elog_base inherit __save_ebuild_env __source_all_bashrcs \
		__ebuild_phase __snapshot ${QA_INTERCEPTORS}
	((exclude)) && unset -f src_unpack src_prepare src_configure src_compile src_test src_install pkg_nofetch
	while IFS=' ' read -r _ _ name; do
		[[ ${name} == ___* ]] && unset -f "${name}"
	done < <(declare -F)
	# The hygienic bash's variables, the way __filter_readonly_variables collects them.
	local -A bash_vars=()
	for name in $(env -i -- "${BASH}" -c 'printf "%s\n" ${!A*} ${!B*} ${!C*} ${!D*} ${!E*} ${!F*} ${!G*} ${!H*} ${!I*} ${!J*} ${!K*} ${!L*} ${!M*} ${!N*} ${!O*} ${!P*} ${!Q*} ${!R*} ${!S*} ${!T*} ${!U*} ${!V*} ${!W*} ${!X*} ${!Y*} ${!Z*} ${!a*} ${!b*} ${!c*} ${!d*} ${!e*} ${!f*} ${!g*} ${!h*} ${!i*} ${!j*} ${!k*} ${!l*} ${!m*} ${!n*} ${!o*} ${!p*} ${!q*} ${!r*} ${!s*} ${!t*} ${!u*} ${!v*} ${!w*} ${!x*} ${!y*} ${!z*} ${!_*}'); do
		bash_vars[${name}]=1
	done
	unset 'bash_vars[PATH]' 'bash_vars[SHELL]'
	for name in BASH_REMATCH BASH_ENV COLUMNS LINES FUNCNAME PIPESTATUS MAPFILE REPLY OLDPWD EBUILD_PHASE T EBUILD \
		EMERGE_FROM exclude filter_path name attributes bash_vars; do
		bash_vars[${name}]=1
	done
	((filter_path)) && bash_vars[PATH]=1
	[[ " $* " == *" --filter-features "* ]] && bash_vars[FEATURES]=1
	for name in ${!A*} ${!B*} ${!C*} ${!D*} ${!E*} ${!F*} ${!G*} ${!H*} ${!I*} ${!J*} ${!K*} ${!L*} ${!M*} ${!N*} ${!O*} ${!P*} ${!Q*} ${!R*} ${!S*} ${!T*} ${!U*} ${!V*} ${!W*} ${!X*} ${!Y*} ${!Z*} ${!a*} ${!b*} ${!c*} ${!d*} ${!e*} ${!f*} ${!g*} ${!h*} ${!i*} ${!j*} ${!k*} ${!l*} ${!m*} ${!n*} ${!o*} ${!p*} ${!q*} ${!r*} ${!s*} ${!t*} ${!u*} ${!v*} ${!w*} ${!x*} ${!y*} ${!z*} ${!_*}; do
		[[ -n ${bash_vars[${name}]-} || ${name} == ___* ]] && continue
		attributes=${!name@a}
		[[ ${attributes} == *r* ]] && continue
		declare -p "${name}" 2>/dev/null
	done
	declare -fp
)

# The shell state a bashrc could leave behind, by builtins only (it is taken in the depend phase too).
__snapshot() {
	{
		declare -p
		declare -F
		alias
		shopt -p
		echo "PATH=${PATH}"
	} >"$1"
}

# ebuild.sh, __source_all_bashrcs() / __try_source --no-qa: the user's bashrc, once per ebuild.sh.
PORTAGE_BASHRCS_SOURCED=0
__source_all_bashrcs() {
	[[ ${PORTAGE_BASHRCS_SOURCED} = 1 ]] && return 0
	PORTAGE_BASHRCS_SOURCED=1
	__snapshot "${T}/bashrc.${EBUILD_PHASE}.before"
	[[ -r ${PORTAGE_BASHRC} && -f ${PORTAGE_BASHRC} ]] && source "${PORTAGE_BASHRC}"
	__snapshot "${T}/bashrc.${EBUILD_PHASE}.after"
}

# Portage's python side makes ${T}/logging before a phase; elog lines go nowhere without it.
[[ ${EBUILD_PHASE} == depend ]] || mkdir -p "${T}/logging"

# ebuild.sh, main part: a later phase starts from the saved environment; the vdb copy (unmerge) is
# first re-saved by phase-functions.sh, __preprocess_ebuild_env(), in a subshell that sources it.
if [[ ${EBUILD_PHASE} != depend && ${EBUILD_PHASE} != setup && -f ${T}/environment ]]; then
	if [[ -f ${T}/environment.raw ]]; then
		(source "${T}/environment" && __save_ebuild_env) >"${T}/environment.filtered" || die "error processing environment"
		mv "${T}/environment.filtered" "${T}/environment" && rm -f "${T}/environment.raw"
	fi
	source "${T}/environment" || die "error sourcing environment"
fi
# ebuild.sh: the ebuild is sourced (after the bashrcs) in depend, in setup and without an environment.
if [[ ${EBUILD_PHASE} == @(depend|setup) || ! -f ${T}/environment ]]; then
	__source_all_bashrcs
	INHERITED=
	source "${EBUILD}" || die "error sourcing ebuild"
fi
if [[ ${EBUILD_PHASE} == depend ]]; then
	echo "INHERITED=${INHERITED}"
	exit 0
fi

# phase-functions.sh, __ebuild_main(): the bashrc (if not yet), the phase with its pre_/post_ hooks,
# then the environment saved for the next phase; __dyn_install also saves the vdb's copy.
__ebuild_phase() { declare -F "$1" >/dev/null && "$1"; }
__source_all_bashrcs
case ${EBUILD_PHASE} in
setup | postinst | prerm | postrm) phase_func=pkg_${EBUILD_PHASE} ;;
*) phase_func=src_${EBUILD_PHASE} ;;
esac
for hook in pre_ "" post_; do
	__ebuild_phase "${hook}${phase_func}"
done
unset hook phase_func
if [[ ${EBUILD_PHASE} == install ]]; then
	__save_ebuild_env --exclude-init-phases --filter-path >"${VDB_ENV}" || die "__save_ebuild_env failed"
fi
__save_ebuild_env --filter-features >"${T}/environment" || die "__save_ebuild_env failed"
