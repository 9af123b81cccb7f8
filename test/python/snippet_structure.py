"""Summarises the structure of rendered Python loss snippets; driven by snippetsPython.test.ts.

The Keras and JAX snippets cannot be run here (neither framework installs from Debian or npm), so
the test compares these summaries with the executed PyTorch snippet's: the same signature and
defaults, the same branches in the same order, the same numerical building blocks.

stdin: {"snippets": [{"id", "code", "function"}]}
stdout: {"summaries": {id: {"name", "params", "docstring", "skeleton", "concepts"}}}
"""
import ast
import json
import re
import sys

# The assignments that carry the computation; helper reshapes and casts differ by framework.
SIGNIFICANT = {"others", "high", "log_p", "q", "x", "near", "log_mix", "weight", "mask", "token_loss"}
MODULES = {"torch", "tf", "jnp", "np"}

# Framework spellings of one building block.
CONCEPTS = {
    "log_softmax": {"F.log_softmax", "jax.nn.log_softmax", "tf.nn.log_softmax"},
    "logaddexp": {"torch.logaddexp", "jnp.logaddexp", "tf.reduce_logsumexp"},
    "log1p": {"torch.log1p", "jnp.log1p", "tf.math.log1p"},
    "where": {"torch.where", ".masked_fill", "jnp.where", "tf.where"},
    "exp": {"torch.exp", ".exp", "jnp.exp", "tf.exp"},
    "log1p(-gamma)": {"math.log1p"},
    "log(gamma)": {"math.log"},
    "stop_gradient": {".detach", "jax.lax.stop_gradient", "tf.stop_gradient"},
    "maximum": {".clamp_min", "jnp.maximum", "tf.maximum"},
    "mean": {".mean", "tf.reduce_mean"},
    "sum": {".sum", "tf.reduce_sum"},
}


def dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted(node.value)
        return f"{base}.{node.attr}" if base else f".{node.attr}"
    return None


def concepts_of(function):
    found = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        name = dotted(node.func) or ""
        method = "." + name.rsplit(".", 1)[-1] if "." in name else None
        for concept, spellings in CONCEPTS.items():
            if name in spellings or (method in spellings and name.split(".")[0] not in MODULES | {"math", "jax", "F"}):
                found.add(concept)
    return sorted(found)


def normalise(source):
    return re.sub(r"\b(%s)\." % "|".join(sorted(MODULES)), "M.", source)


def skeleton(statements):
    out = []
    for node in statements:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            continue
        if isinstance(node, ast.If):
            out.append({"if": normalise(ast.unparse(node.test)), "then": skeleton(node.body), "else": skeleton(node.orelse)})
        elif isinstance(node, ast.Return):
            out.append("return")
        elif isinstance(node, ast.Raise):
            out.append("raise " + (dotted(node.exc.func) if isinstance(node.exc, ast.Call) else "?"))
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            names += [e.id for t in node.targets if isinstance(t, ast.Tuple) for e in t.elts if isinstance(e, ast.Name)]
            out.extend(f"assign {n}" for n in names if n in SIGNIFICANT)
    return out


def summarise(code, function_name):
    tree = ast.parse(code)
    [function] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function_name]
    args = function.args
    defaults = [None] * (len(args.args) - len(args.defaults)) + [ast.literal_eval(d) for d in args.defaults]
    return {
        "name": function.name,
        "params": [[a.arg, d] for a, d in zip(args.args, defaults)],
        "docstring": ast.get_docstring(function),
        "skeleton": skeleton(function.body),
        "concepts": concepts_of(function),
    }


def main():
    request = json.load(sys.stdin)
    summaries = {s["id"]: summarise(s["code"], s["function"]) for s in request["snippets"]}
    json.dump({"summaries": summaries}, sys.stdout)


if __name__ == "__main__":
    main()
