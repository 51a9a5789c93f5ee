"""The import contracts keep up with the code: a business area (STYLE.md "A business area") is held
to the areas-independence contract from the day its module lands.

import-linter's ``independence`` contract refuses a module that does not exist yet, so pyproject.toml
writes the rule as one layer of optional independent siblings ("(assets) | (leases) | …") in
``assetdesk.services``. An optional entry is skipped while missing, so a new area that forgot to list
itself would be skipped for ever: this test fails instead.
"""
from __future__ import annotations

from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: pytest brings tomli
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent
AREAS = ("assets", "leases", "fees", "funds")  # STYLE.md: the business areas the clerk works in
AREAS_CONTAINER = "assetdesk.services"


def area_contract(pyproject: dict) -> dict:
    """The layers contract whose container is the services package (the areas' independence)."""
    contracts = pyproject["tool"]["importlinter"]["contracts"]
    found = [c for c in contracts if c.get("type") == "layers" and c.get("containers") == [AREAS_CONTAINER]]
    assert len(found) == 1, f"pyproject.toml should hold one layers contract over {AREAS_CONTAINER}"
    return found[0]


def listed_areas(contract: dict) -> set[str]:
    """Module names the contract lists, without the optional-marking parentheses."""
    names = set()
    for layer in contract["layers"]:
        for part in layer.replace(":", "|").split("|"):
            names.add(part.strip().strip("()").strip())
    return names


def present_areas(services: Path) -> set[str]:
    """Areas whose module (``fees.py``) or package (``fees/``) exists under ``services``."""
    return {name for name in AREAS if (services / f"{name}.py").is_file() or (services / name).is_dir()}


def unlisted_areas(services: Path, contract: dict) -> set[str]:
    return present_areas(services) - listed_areas(contract)


@pytest.fixture(scope="module")
def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_area_module_is_in_the_independence_contract(pyproject):
    contract = area_contract(pyproject)
    missing = unlisted_areas(ROOT / "assetdesk" / "services", contract)
    assert not missing, (f"assetdesk/services has {sorted(missing)} but the areas contract in pyproject.toml "
                         "does not list it: add it to the layer as an independent sibling")


def test_the_contract_names_every_area_of_the_house_and_only_siblings(pyproject):
    contract = area_contract(pyproject)
    assert set(AREAS) <= listed_areas(contract)
    assert len(contract["layers"]) == 1 and "|" in contract["layers"][0], \
        "one layer of independent siblings: areas may not import each other in either direction"


def test_an_area_landing_without_listing_itself_is_caught(tmp_path, pyproject):
    """The check above bites: a fees module and a leases package, with only fees listed."""
    (tmp_path / "fees.py").write_text("", encoding="utf-8")
    (tmp_path / "leases").mkdir()
    (tmp_path / "leases" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "assets_register.py").write_text("", encoding="utf-8")  # not an area of that name
    contract = {"type": "layers", "containers": [AREAS_CONTAINER], "layers": ["(fees) | (funds)"]}
    assert unlisted_areas(tmp_path, contract) == {"leases"}
    assert unlisted_areas(tmp_path, area_contract(pyproject)) == set()
