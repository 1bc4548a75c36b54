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


MARK = "ZQXJ"


def marked(x):
    """The bundle with a mark after every line break in its texts: a line
    of the scenario that begins with the mark is text of the bundle that
    made a line of its own (the bed's awk splits lines at \\n only)."""
    if isinstance(x, str):
        return x.replace("\n", "\n" + MARK)
    if isinstance(x, list):
        return [marked(v) for v in x]
    if isinstance(x, dict):
        return {k: marked(v) for k, v in x.items()}
    return x


def one(data):
    """None when the bytes are no JSON (bundle-to-scenario's load() fails
    before convert), else the scenario convert() writes. Raises on a
    broken invariant, and whatever convert() raises goes up too."""
    try:
        diag = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    text = b2s.convert(diag, "bundle.tar")
    lines = [line for line in b2s.convert(marked(diag), "bundle.tar").split("\n")
             if line.lstrip(" \t").startswith(MARK)]
    if lines:
        raise AssertionError("a value of the bundle made lines of its own in the scenario: %r"
                             % lines)
    return text
