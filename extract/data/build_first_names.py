"""Rebuild ``first_names.tsv``, the first-name gender lexicon, from nomquamgender's data.

Run by ``make lexicon`` (the Makefile downloads the pinned wheel; nothing here imports it):

    python extract/data/build_first_names.py nomquamgender-0.1.4-py3-none-any.whl

nomquamgender (MIT, Van Buskirk et al. 2022) gives, for each first name, how many sources and
people carry it and the share of them gendered female. We keep names common enough to trust
(``MIN_PEOPLE``) and clear enough to decide (at most ``CLEAR`` of the other gender), written as
``name<TAB>m|f``, sorted: the file is deterministic, so a rebuild shows no diff.
A first name is the weakest evidence the coreference uses: honorifics and the text come first.
"""

from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

MIN_PEOPLE = 200
CLEAR = 0.1  # nomquamgender's own default threshold
OUT = Path(__file__).with_name("first_names.tsv")


def main(wheel: str) -> int:
    with zipfile.ZipFile(wheel) as z:
        data = json.loads(z.read("nomquamgender/name_data.json"))
    rows = []
    for name, (_sources, people, p_female, *_rest) in data.items():
        if people < MIN_PEOPLE or not (name.isascii() and name.isalpha() and len(name) > 1):
            continue
        if p_female <= CLEAR:
            rows.append(f"{name}\tm")
        elif p_female >= 1 - CLEAR:
            rows.append(f"{name}\tf")
    OUT.write_text("".join(f"{r}\n" for r in sorted(rows)), encoding="utf-8")
    sys.stdout.write(f"{OUT}: {len(rows)} names\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
