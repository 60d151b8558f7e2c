"""Print the dependencies pyproject.toml declares, one per line, for `pip install -r`.

python scripts/requirements.py          # what the application needs to run
python scripts/requirements.py dev      # plus the named optional groups
"""

import sys
import tomllib
from pathlib import Path

project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
for requirement in project["dependencies"] + [
    dep for group in sys.argv[1:] for dep in project["optional-dependencies"][group]
]:
    print(requirement)
