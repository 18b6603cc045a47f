"""The evaluation harness and the project's own question set, run on the built-in base."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.evaluation import EvalQuestion, EvalSetError, evaluate, judge, load_questions, unknown_ids
from bot.matching import Conversation, match_and_rank, match_question

EVAL = Path(__file__).parent / "eval"
SPLITS = {name: EVAL / f"{name}.csv" for name in ("train", "dev", "test")}
# The frozen test split (written blind; tests/eval/blind/README.md). Changing it needs a commit that
# says which label was provably wrong; then update this digest in the same commit.
TEST_SPLIT_SHA256 = "9142b83ab8a7ae8e88ce37c07272be87d40508572db0d72ec9c9090ab0bf94a8"
# `layoffbot eval tests/eval/dev.csv tests/eval/test.csv` measured the test split at 89.9% (2026-12-03, at
# 5e02221; the README; 87.2% at 9e3df3a, when the floor was 0.84); the floor leaves about three points of room.
TEST_ACCURACY_FLOOR = 0.87


@pytest.fixture(scope="session")
def test_report(factbase):
    return evaluate(factbase.index, load_questions(SPLITS["test"]), matcher=factbase.match_and_rank).to_json()


def test_the_test_split_is_frozen():
    import hashlib

    assert hashlib.sha256(SPLITS["test"].read_bytes()).hexdigest() == TEST_SPLIT_SHA256


def test_splits_are_large_and_varied():
    items = {name: load_questions(path) for name, path in SPLITS.items()}
    assert sum(len(v) for v in items.values()) >= 1000
    test_categories = {item.category for item in items["test"]}
    assert {"company", "rule", "general", "followup", "decline", "structured"} <= test_categories
    assert sum(not item.expected for item in items["test"]) >= 35


def test_test_split_floor_and_no_wrong_entity_answers(test_report):
    assert test_report["wrong_entity"] == 0
    assert test_report["accuracy"] >= TEST_ACCURACY_FLOOR, test_report["failures"]


def test_split_labels_name_real_facts(factbase):
    for path in SPLITS.values():
        assert unknown_ids(factbase.index, load_questions(path), factbase.event_ids) == [], path


def test_ranking_does_not_change_what_is_answered(factbase):
    conversation = Conversation()
    for question in ["How many employees did Xiaohongshu lay off?", "why?", "and JD.com?", "What is N+1?",
                     "How many people did Foocorp lay off?"]:
        match, ranked = match_and_rank(factbase.index, question, conversation)
        assert match == match_question(factbase.index, question, conversation)
        if match.answered:
            assert ranked[0][1] == match.documents[0].id or ranked[0][1] in {d.id for d in match.documents}
            assert [s for s, _ in ranked] == sorted((s for s, _ in ranked), reverse=True)
        conversation = match.conversation


def write_set(tmp_path, text: str) -> Path:
    path = tmp_path / "set.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_threads_share_a_conversation_and_standalone_rows_do_not(tmp_path, factbase):
    path = write_set(tmp_path, (
        "question,expected,thread,category\n"
        "How many employees did Xiaohongshu lay off?,xiaohongshu-layoff-2022-size,a,size\n"
        "why?,xiaohongshu-layoff-2022-reason,a,followup\n"
        "why?,none,,followup\n"
    ))
    report = evaluate(factbase.index, load_questions(path)).to_json()
    assert report["right"] == 3
    assert report["p_at_1"] == 1.0 and report["mrr"] == 1.0
    assert report["abstained_correct"] == 1


def test_wrong_entity_is_counted(factbase):
    index = factbase.index
    item = EvalQuestion("How many did Meta cut?", ("meta-layoff-2022-11-size",))
    result = judge(index, item, True, ("amazon-layoff-2023-01-size",), ["amazon-layoff-2023-01-size"], 0.9)
    assert result.wrong_entity and not result.right and result.rank is None
    general = judge(index, item, True, ("glossary-redundancy",), ["glossary-redundancy"], 0.9)
    assert not general.wrong_entity  # a fact of no entity is wrong, but not another company's


def test_the_fact_the_answer_leads_with_is_judged_not_one_a_guard_set_aside(factbase):
    # the ranker's top was SAP's global figure; the place guard answered with the Germany fact
    item = EvalQuestion("how many of those in germany", ("sap-layoff-2024-germany",))
    ranked = ["sap-layoff-2024-size", "sap-layoff-2023-size", "sap-layoff-2024-germany"]
    result = judge(factbase.index, item, True, ("sap-layoff-2024-germany",), ranked, 0.99)
    assert result.right and result.rank == 3  # right as answered; P@1 and MRR stay the ranker's
    wrong = judge(factbase.index, item, True, ("sap-layoff-2024-size",), ["sap-layoff-2024-germany"], 0.99)
    assert not wrong.right


def test_a_view_is_judged_by_its_kind_or_by_the_round_it_leads_with(tmp_path, factbase):
    # "Unity's biggest layoff ever in 2024" is answered by a ranking of Unity's rounds led by January 2024's:
    # right for a label naming that round; a label naming a view kind still judges the kind
    path = write_set(tmp_path, (
        "question,expected,thread,category\n"
        "\"Unity's biggest layoff ever in 2024, how many people?\",unity-2024-01,,company\n"
        "\"Unity's biggest layoff ever in 2024, how many people?\",unity-2023-05,,company\n"
        "\"Unity's biggest layoff ever in 2024, how many people?\",structured:ranking,,structured\n"
        "\"Unity's biggest layoff ever in 2024, how many people?\",structured:timeline,,structured\n"
    ))
    report = evaluate(factbase.index, load_questions(path), matcher=factbase.match_and_rank).to_json()
    assert report["right"] == 2, report["failures"]


def test_a_list_of_one_companys_rounds_is_judged_as_its_timeline(tmp_path, factbase):
    # "list all of Google's layoffs" is answered by Alphabet's timeline, every round in date order: the question sets
    # label it list (blind10, blind11) or timeline (train's "list all cisco layoffs"); a list of many companies is not
    path = write_set(tmp_path, (
        "question,expected,thread,category\n"
        "list all of google's layoffs,structured:list,,structured\n"
        "list all of google's layoffs,structured:timeline,,structured\n"
        "list all of google's layoffs,structured:ranking,,structured\n"
        "which companies cut jobs in 2023 and 2024,structured:timeline,,structured\n"
    ))
    report = evaluate(factbase.index, load_questions(path), matcher=factbase.match_and_rank).to_json()
    assert report["right"] == 2, report["failures"]


def test_bad_question_sets_are_reported_with_line_numbers(tmp_path):
    with pytest.raises(EvalSetError, match="missing column"):
        load_questions(write_set(tmp_path, "q,answer\nx,y\n"))
    with pytest.raises(EvalSetError) as problems:
        load_questions(write_set(tmp_path, "question,expected\n,none\nWhy?,\nHm?,none|a-fact\n"))
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in str(problems.value).splitlines()] == ["2", "3", "4"]


def test_cli_eval_json_and_text(tmp_path, built_db):
    path = write_set(tmp_path, (
        "question,expected,thread,category\n"
        "小红书裁员多少人,xiaohongshu-layoff-2022-size,,chinese\n"
        "What's the weather in Paris?,none,,out-of-scope\n"
        "How many people did Foocorp lay off?,xiaohongshu-layoff-2022-size,,unknown-company\n"
    ))
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", str(path), "--json", "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["questions"] == 3 and data["right"] == 2
    assert set(data) >= {"p_at_1", "mrr", "answered_correct", "abstained_correct", "wrong_entity", "categories",
                         "failures"}
    assert data["categories"]["chinese"]["accuracy"] == 1.0
    assert [f["line"] for f in data["failures"]] == [4]
    text = runner.invoke(cli, ["eval", str(path), "--db", str(built_db)])
    assert text.exit_code == 0
    assert "P@1" in text.output and "unknown-company" in text.output and "Foocorp" in text.output


def test_cli_eval_keeps_files_of_one_name_apart(tmp_path, built_db):
    # blind3/followups.csv beside blind5/followups.csv: one column each, not one hiding the other
    for folder, question in (("a", "小红书裁员多少人"), ("b", "What's the weather in Paris?")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "set.csv").write_text(
            f"question,expected,thread,category\n{question},xiaohongshu-layoff-2022-size,,x\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "a" / "set.csv"), str(tmp_path / "b" / "set.csv"),
                                      "--json", "--db", str(built_db)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"a/set", "b/set"} and data["a/set"]["right"] == 1 and data["b/set"]["right"] == 0


def test_cli_eval_rejects_unknown_fact_ids_and_bad_files(tmp_path, built_db):
    runner = CliRunner()
    stale = write_set(tmp_path, "question,expected\nWhy?,no-such-fact\n")
    result = runner.invoke(cli, ["eval", str(stale), "--db", str(built_db)])
    assert result.exit_code == 1
    assert "no-such-fact" in result.output and "Traceback" not in result.output
    broken = write_set(tmp_path, "nothing useful\n")
    result = runner.invoke(cli, ["eval", str(broken), "--db", str(built_db)])
    assert result.exit_code == 1 and "missing column" in result.output
