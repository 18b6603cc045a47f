"""`layoffbot eval`: added to the top-level group by `register`."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import click


def register(cli: click.Group) -> None:
    """Add this module's commands to the top-level group."""
    from .cli import db_option

    @cli.command("eval")
    @click.argument("question_files", nargs=-1,
                    type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @click.option("--fit-train", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
                  help="Fit the ranker's weights on this split (with --fit-dev), write them to --out, then "
                       "evaluate QUESTION_FILES with them.")
    @click.option("--fit-dev", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
                  help="Choose the L2 strength and the answer threshold on this split.")
    @click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Where --fit-train writes the parameters (default: the package's bot/data/ranker.json).")
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object (per file, keyed by file name).")
    @click.option("--failures", "max_failures", type=int, default=None,
                  help="With several files: list up to N failures of each (one file lists them all).")
    @db_option
    def eval_command(question_files: tuple[Path, ...], as_json: bool, max_failures: int | None,
                     fit_train: Path | None, fit_dev: Path | None, out_path: Path | None,
                     db_path: Path | None) -> None:
        """Run question sets (CSV: question,expected,thread,category) and report how the bot did.

        EXPECTED is fact ids separated by | (any counts as right), `none` where the bot must
        abstain, or structured:KIND for a view over many events; rows sharing a THREAD are asked in
        order as one conversation. Several files (e.g. tests/eval/dev.csv tests/eval/test.csv) are
        reported side by side.
        """
        from .cli import _open_factbase
        from .evaluation import EvalSetError, evaluate, format_report, format_side_by_side, load_questions, unknown_ids

        if bool(fit_train) != bool(fit_dev):
            raise click.UsageError("--fit-train and --fit-dev go together")
        if not question_files and not fit_train:
            raise click.UsageError("give question files to evaluate, or --fit-train and --fit-dev")
        sets = {}
        for question_file in (*question_files, *(p for p in (fit_train, fit_dev) if p)):
            try:
                sets[question_file] = load_questions(question_file)
            except EvalSetError as exc:
                raise click.ClickException(f"cannot use {question_file}:\n{exc}") from None
        factbase = _open_factbase(db_path)
        for question_file, items in sets.items():
            stale = unknown_ids(factbase.index, items, factbase.event_ids)
            if stale:
                raise click.ClickException(
                    f"{question_file} expects fact ids this fact base does not hold:\n" + "\n".join(stale))
        matcher = None
        if fit_train:
            from . import ranking
            from .fitting import fit_ranker

            command = f"layoffbot eval --fit-train {fit_train} --fit-dev {fit_dev}"
            params = fit_ranker(factbase.index, sets[fit_train], sets[fit_dev], command=command)
            target = out_path or Path(__file__).parent / "data" / "ranker.json"
            target.write_text(params.to_json(), encoding="utf-8")
            ranking.default_params.cache_clear()
            click.echo(f"Wrote {target}: L2 {params.l2}, threshold {params.threshold}, dev {params.scores}", err=True)
            # The same path as `ask` (structured questions first), with the new parameters.
            matcher = partial(factbase.match_and_rank, params=params) if out_path else None
        reports = {_label(path, question_files): evaluate(factbase.index, sets[path],
                                                          matcher=matcher or factbase.match_and_rank)
                   for path in question_files}
        if not reports:
            return
        if as_json:
            payload = {name: report.to_json() for name, report in reports.items()}
            click.echo(json.dumps(next(iter(payload.values())) if len(payload) == 1 else payload, ensure_ascii=False))
        elif len(reports) == 1:
            click.echo(format_report(next(iter(reports.values()))))
        else:
            click.echo(format_side_by_side(reports))
            for name, report in reports.items():
                if max_failures:
                    click.echo(f"\n== {name}")
                    click.echo(format_report(report, max_failures=max_failures).split("\n\nfailures", 1)[-1])


def _label(path: Path, paths) -> str:
    """A question file's column name: its stem ("dev"), or folder/stem where another file shares the stem
    ("blind3/followups" beside "blind5/followups": one would hide the other)."""
    if sum(Path(p).stem == path.stem for p in paths) > 1:
        return f"{path.parent.name}/{path.stem}"
    return path.stem
