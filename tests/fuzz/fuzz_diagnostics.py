"""fuzz_diagnostics.py: the Python side of fuzz-diagnostics (tests/bed/bundle-to-scenario)."""
import importlib.machinery
import importlib.util
import json

b2s = None


def init(path):
    """Loads bundle-to-scenario (a script without .py) as a module."""
    global b2s
    loader = importlib.machinery.SourceFileLoader("bundle_to_scenario", path)
    spec = importlib.util.spec_from_loader("bundle_to_scenario", loader)
    b2s = importlib.util.module_from_spec(spec)
    loader.exec_module(b2s)


def without_line_breaks(x):
    if isinstance(x, str):
        return "".join(c for c in x if c not in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
    if isinstance(x, list):
        return [without_line_breaks(v) for v in x]
    if isinstance(x, dict):
        return {k: without_line_breaks(v) for k, v in x.items()}
    return x


def shape(text):
    """The scenario's groups and keys, in order, as the bed's awk sees lines."""
    out, group = [], None
    for line in text.split("\n"):
        s = line.strip(" \t")
        if s.startswith("#") or not s:
            continue
        if s.startswith("["):
            group = s
            out.append(s)
        else:
            out.append("%s %s" % (group, s.split("=", 1)[0].strip(" \t")))
    return out


def one(data):
    """None when the bytes are no JSON (bundle-to-scenario's load() fails
    before convert), else the scenario convert() writes. Raises on a
    broken invariant, and whatever convert() raises goes up too."""
    try:
        diag = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    text = b2s.convert(diag, "bundle.tar")
    clean = b2s.convert(without_line_breaks(diag), "bundle.tar")
    if shape(text) != shape(clean):
        raise AssertionError("a value of the bundle made lines of its own in the scenario: %r"
                             % [line for line in shape(text) if line not in shape(clean)])
    return text
