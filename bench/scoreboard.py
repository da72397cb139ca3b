"""Every scored set in one table (``python -m bench.scoreboard [--json FILE] [--only A,B]``).

One corrector, loaded once, on every set the repository scores, so that a change can be
checked against all of them in about a minute:

* ``sample`` -- the seed thread against its gold (must-keep violations counted);
* ``heldout`` -- ``bench/heldout/garbled.txt`` (generated typos, domain text);
* ``clean`` -- false changes on the clean sets of ``bench/score.py``;
* ``ctx-*`` -- the hand-typed context sets (``bench/context``, scored as
  ``bench/bench_context.py`` does; ``clean`` is the twin's false changes);
* ``real-dev`` / ``real-heldout`` -- real misspellings in running text
  (``bench/realtext``; needs ``../shared/eval-data``, skipped without it);
* ``tech-dev`` / ``tech-heldout`` -- technical prose (``bench/technical``);
* ``unseen-*`` -- the integrator's held-out threads (``bench/unseen``): **measure only,
  never tune on them**.

Which part of each is tuned on and which is held out is written in BENCHMARKS.md; this
script only measures.  ``--json`` writes the rows, to compare two runs with ``--vs``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _row(name: str, p: float, r: float, extra: str = "", **kw: object) -> dict[str, object]:
    return {"set": name, "precision": round(p, 3), "recall": round(r, 3), "note": extra, **kw}


def rows(only: set[str] | None = None) -> list[dict[str, object]]:
    sys.path.insert(0, str(ROOT))
    from bench import score as S
    from normalize import Corrector

    corrector = Corrector.load()
    out: list[dict[str, object]] = []

    def want(name: str) -> bool:
        return only is None or any(name.startswith(o) for o in only)

    if want("sample"):
        sc = S.score_sample_text(S.correct_text(corrector, S.SAMPLE_INPUT.read_text("utf-8")))
        out.append(_row("sample", sc.precision, sc.recall, f"{len(sc.keep_violations)} must-keep"))
    if want("heldout"):
        typed = S.read_lines(HERE / "heldout" / "garbled.txt")
        gold = S.read_lines(HERE / "heldout" / "gold.txt")
        sc = S.score_lines(typed, gold, S.correct_lines(corrector, typed))
        out.append(_row("heldout", sc.precision, sc.recall, f"tp {sc.tp} fp {sc.fp} fn {sc.fn}"))
    if want("clean"):
        n = 0
        for _label, lines, gold_lines in S.clean_sets():
            n += len(S.false_changes(lines, S.correct_lines(corrector, lines), gold_lines).changes)
        out.append(_row("clean", 1.0, 1.0, f"{n} false changes", false_changes=n))
    from bench import bench_context as C

    for part in ("dev", "dev3", "dev4", "heldout", "heldout2", "heldout3", "heldout4"):
        name = f"ctx-{part}"
        if want(name):
            r = C.score(corrector, (HERE / "context" / f"{part}.txt").read_text("utf-8"))
            out.append(
                _row(
                    name,
                    r["precision"],
                    r["recall"],
                    f"twin {r['clean_changes']} changes",
                    false_changes=r["clean_changes"],
                )
            )
    try:
        from bench import realtext as R

        for part in ("dev", "heldout"):
            name = f"real-{part}"
            if want(name):
                r = R.evaluate(corrector, part)
                out.append(
                    _row(
                        name,
                        float(r["precision"]),  # type: ignore[arg-type]
                        float(r["recall"]),  # type: ignore[arg-type]
                        f"twin {r['clean_changes']} changes",
                        false_changes=r["clean_changes"],
                    )
                )
    except (FileNotFoundError, OSError, SystemExit) as e:  # no eval-data here
        out.append(_row("real-*", 0.0, 0.0, f"skipped: {e}"))
    for folder, parts in (("technical", ("dev", "heldout")), ("unseen", _unseen())):
        for part in parts:
            name = f"{'tech' if folder == 'technical' else 'unseen'}-{part}"
            if not want(name):
                continue
            typed = S.read_lines(HERE / folder / f"{part}.txt")
            gold = S.read_lines(HERE / folder / f"{part}.gold.txt")
            sc = S.score_lines(typed, gold, S.correct_lines(corrector, typed))
            twin = S.false_changes(gold, S.correct_lines(corrector, gold))
            out.append(
                _row(
                    name,
                    sc.precision,
                    sc.recall,
                    f"tp {sc.tp} fp {sc.fp} fn {sc.fn}; twin {len(twin.changes)}",
                    false_changes=len(twin.changes),
                )
            )
    return out


def _unseen() -> list[str]:
    return sorted(p.name[: -len(".gold.txt")] for p in (HERE / "unseen").glob("*.gold.txt"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench.scoreboard", description=__doc__.split("\n")[0]
    )
    ap.add_argument("--only", help="comma-separated set-name prefixes (sample,ctx,real,...)")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--vs", type=Path, help="a --json file of an earlier run, to compare")
    args = ap.parse_args(argv)
    only = set(args.only.split(",")) if args.only else None
    table = rows(only)
    before = {}
    if args.vs and args.vs.exists():
        before = {r["set"]: r for r in json.loads(args.vs.read_text("utf-8"))}
    print("| set | P | R | note | before |")
    print("|---|---:|---:|---|---|")
    for r in table:
        b = before.get(r["set"])
        was = f"{b['precision']:.3f}/{b['recall']:.3f} {b['note']}" if b else ""
        mark = (
            " *"
            if b
            and (b["precision"], b["recall"], b["note"]) != (r["precision"], r["recall"], r["note"])
            else ""
        )
        print(
            f"| {r['set']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['note']} | {was}{mark} |"
        )
    if args.json:
        args.json.write_text(json.dumps(table, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
