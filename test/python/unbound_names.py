"""Names a Python file uses but never binds (no import, assignment, def or builtin); driven by
test/unit/snippetsAsInserted.test.ts for the snippets whose framework is not installed here.

argv: the files. stdout: {"unbound": {file: [name, ...]}} (sorted; [] when every name is bound).
"""
import builtins
import json
import symtable
import sys


def used_globals(table):
    names = {s.get_name() for s in table.get_symbols() if s.is_referenced() and s.is_global()}
    for child in table.get_children():
        names |= used_globals(child)
    return names


def unbound(path):
    with open(path, encoding="utf-8") as f:
        module = symtable.symtable(f.read(), path, "exec")
    bound = {s.get_name() for s in module.get_symbols() if s.is_imported() or s.is_assigned() or s.is_namespace()}
    used = {s.get_name() for s in module.get_symbols() if s.is_referenced()}
    for child in module.get_children():
        used |= used_globals(child)
    return sorted(n for n in used - bound if not hasattr(builtins, n))


def main():
    json.dump({"unbound": {path: unbound(path) for path in sys.argv[1:]}}, sys.stdout)


if __name__ == "__main__":
    main()
