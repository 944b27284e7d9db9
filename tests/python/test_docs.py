# Every class and function of the module has a docstring (editors show them; help() prints them),
# and the typing stubs ship beside it.
import pathlib

import axon


def described(function):
    doc = (function.__doc__ or "").strip()
    # nanobind writes the signature first; a description follows after a blank line
    return "\n\n" in doc or (doc and "(" not in doc.splitlines()[0])


def test_every_class_and_function_has_a_docstring():
    missing = []
    for name, obj in vars(axon._axon).items():
        if name.startswith("__"):
            continue
        if isinstance(obj, type):
            if not (obj.__doc__ or "").strip():
                missing.append(name)
            if isinstance(obj, type(axon.Receptor)):  # enums: their values are documented by the class
                continue
            for member_name, member in vars(obj).items():
                if member_name == "__init__" and "Initialize self" in (member.__doc__ or ""):
                    continue  # no constructor: made by the library only
                if (member_name.startswith("_") and member_name != "__init__") or not callable(member):
                    continue
                if isinstance(member, obj):
                    continue
                if not described(member):
                    missing.append(f"{name}.{member_name}")
        elif callable(obj) and not described(obj):
            missing.append(name)
    for name, obj in vars(axon.models).items():
        if callable(obj) and not described(obj):
            missing.append(f"models.{name}")
    assert not missing


def test_typing_stubs_ship_with_the_module():
    package = pathlib.Path(axon.__file__).parent
    stub = package / "_axon.pyi"
    assert (package / "py.typed").exists()
    text = stub.read_text()
    assert "class Simulator" in text and "def run(self, duration_ms: float) -> None" in text
