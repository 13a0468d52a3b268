# plugin-settle: one `plugin-settle run --report` file as lines for Portage's elog, for the bashrc hook.
#
#   python report.py <report.json>
#
# Prints "warn <text>" for a build that was run again (or given up on) and "log <text>" for a plugin
# load the in-process shim healed; nothing for a build that went through as it was. The hook hands each
# line to ewarn or elog, so they reach emerge's elog summary (PORTAGE_ELOG_CLASSES="log warn error" by
# default). Stdlib only, Python 2.7 and 3.x: it runs on whichever interpreter the ebuild called.
import json
import sys


def command_text(command):
    words = [command[0].rsplit("/", 1)[-1]] + list(command[1:4])
    more = " ..." if len(command) > 4 else ""
    return " ".join(words) + more


def failure_text(attempt):
    found = attempt.get("classification") or {}
    exception = found.get("exception") or {}
    if exception.get("type"):
        return "%s: %s" % (exception["type"], exception.get("message", ""))
    return found.get("category") or "exit status %s" % attempt.get("exitCode")


def lines(report):
    command = command_text(report.get("command") or ["?"])
    attempts = report.get("attempts") or []
    result = report.get("result")
    for attempt in attempts[:-1]:
        decision = attempt.get("decision") or {}
        yield "warn", "plugin-settle: `%s` failed: %s; run again once the merge was over" % (
            command,
            decision.get("reason") or failure_text(attempt),
        )
    if len(attempts) > 1 or result == "gave-up":
        yield "warn", "plugin-settle: `%s` %s after %d attempt%s%s" % (
            command,
            result,
            len(attempts),
            "" if len(attempts) == 1 else "s",
            ": " + report["reason"] if report.get("reason") else "",
        )
    for event in report.get("inProcess") or []:
        what = event.get("entry_point") or event.get("module") or "a plugin"
        if event.get("event") == "healed":
            yield "log", "plugin-settle: `%s`: %s failed to load while it was being merged; loaded again %s ms later, no rebuild" % (
                command,
                what,
                event.get("waited_ms", "?"),
            )
        elif event.get("event") == "gave-up":
            yield "warn", "plugin-settle: `%s`: gave up waiting for %s to load" % (command, what)


def main(path):
    try:
        with open(path) as handle:
            report = json.load(handle)
    except (IOError, OSError, ValueError) as error:
        print("warn plugin-settle: cannot read the report %s: %s" % (path, error))
        return
    for kind, text in lines(report):
        print("%s %s" % (kind, " ".join(text.split())))


if __name__ == "__main__":
    main(sys.argv[1])
