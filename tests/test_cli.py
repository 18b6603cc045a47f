"""The CLI through click's runner, and once through a real subprocess of the installed command."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli

XHS = "How many employees did Xiaohongshu lay off?"


@pytest.fixture
def run(built_db, isolated_env):
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(cli, [*args], input=input, env={"LAYOFFBOT_DB": str(built_db)},
                             catch_exceptions=False)
    return invoke


def test_ask_prints_answer_and_sources(run):
    result = run("ask", XHS)
    assert result.exit_code == 0
    assert "Sources:" in result.output and "http" in result.output


def test_ask_json_contract(run):
    result = run("ask", "--json", XHS)
    data = json.loads(result.output)
    assert set(data) == {"question", "answered", "answer", "confidence", "facts", "citations", "suggestions"}
    assert data["answered"] is True and data["question"] == XHS
    assert 0 <= data["confidence"] <= 1 and data["facts"]
    assert set(data["citations"][0]) == {"title", "publisher", "published", "url"}


def test_an_empty_question_is_a_usage_error(run):
    result = run("ask", "  ")  # (trial 42: `ask ""` printed a decline and exited 0)
    assert result.exit_code == 2 and "QUESTION is empty" in result.output


def test_a_db_in_a_missing_directory_is_refused_not_built(run, tmp_path):
    # (trial 45: `--db /nonexistent/dir/x.db` made the folders and built a 27 MB base there, saying only "Built")
    target = tmp_path / "typo" / "x.db"
    for args in (["--db", str(target), "ask", XHS], ["ask", "--db", str(target), XHS]):
        result = run(*args)
        assert result.exit_code == 1 and f"no directory {target.parent}" in result.output, result.output
    assert not target.parent.exists()


def test_a_chart_without_matplotlib_is_refused_before_answering(run, tmp_path, monkeypatch):
    # (trial 45: the answer was printed, then the run failed with status 1, so a script threw the answer away)
    import bot.charts

    monkeypatch.setattr(bot.charts, "available", lambda: False)
    result = run("ask", "--chart", str(tmp_path / "c.png"), "all of Meta's layoffs")
    assert result.exit_code == 1 and "layoffbot[charts]" in result.output and "Meta" not in result.output


def test_ask_out_of_scope_is_an_honest_no_answer(run):
    data = json.loads(run("ask", "--json", "What's the weather in Paris?").output)
    assert data["answered"] is False and data["facts"] == [] and data["suggestions"]


def test_chat_json_follows_the_contract_with_reset(run):
    lines = "\n".join([XHS, "why?", "/reset", "why?", "", "and JD.com?"]) + "\n"
    result = run("chat", "--json", input=lines)
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 6  # one object for every line, the empty one too
    assert out[0]["answered"] and out[1]["answered"]
    assert "answered" not in out[2] and out[2]["reset"] is True
    assert out[3]["answered"] is False  # context was reset
    assert out[4]["answered"] is False and out[4]["question"] == ""
    assert out[5]["answered"] and out[5]["facts"][0].startswith("jd-com")  # JD.com's profile


def test_chat_json_answers_every_line_and_quit_is_a_question(run):
    lines = ["", "   ", "/quit", XHS, "/exit", "\t", "/help", "/about", "/sources", "/reset"]
    result = run("chat", "--json", input="\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == len(lines)
    assert [o.get("answered") for o in out[:6]] == [False, False, False, True, False, False]
    assert out[2]["question"] == "/quit" and out[4]["question"] == "/exit"
    assert [o.get("command") for o in out[6:]] == ["help", "about", "sources", "reset"]
    assert "Sources of my last answer" in out[8]["text"] and out[3]["citations"][0]["url"] in out[8]["text"]


def test_chat_json_replaces_invalid_utf8_in_a_real_process_under_a_strict_locale(built_db, isolated_env):
    env = {**os.environ, "LAYOFFBOT_DB": str(built_db), "LC_ALL": "C", "LANG": "C",
           "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}
    questions = b"\xff\xfe bad \xc3(\n" + "小红书裁员多少人？".encode() + b"\n\x80\n" + XHS.encode() + b"\n"
    done = subprocess.run([sys.executable, "-m", "bot", "chat", "--json"], input=questions, env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # valid UTF-8, valid JSON
    assert len(out) == 4
    assert out[0]["question"] == "\ufffd\ufffd bad \ufffd(" and out[2]["question"] == "\ufffd"
    assert out[1]["question"] == "小红书裁员多少人？"
    assert out[3]["answered"] is True
    plain = subprocess.run([sys.executable, "-m", "bot", "chat"], input=questions, env=env,
                           capture_output=True, timeout=120)
    assert plain.returncode == 0 and b"Traceback" not in plain.stderr, plain.stderr
    assert "Sources:" in plain.stdout.decode("utf-8")  # valid text: no raw byte of the input came back


def test_chat_commands_help_about_sources_reset_quit(run):
    script = ["/help", "what can you do?", "/sources", XHS, "/sources", "/reset", "why?", "/about", "/quit", XHS]
    result = run("chat", input="\n".join(script) + "\n")
    assert result.exit_code == 0
    out = result.output
    assert out.count("/about — what I cover") == 2  # /help, and the question about what it can do
    assert "No answer yet, so no sources to show" in out
    assert "Sources of my last answer:\n[1] " in out
    assert "New conversation" in out and "I don't have a sourced answer" in out  # "why?" after /reset
    assert re.search(r"I cover [\d,]+ companies .* and [\d,]+ rules in \d+ jurisdictions", out)
    assert "Layoff events from " in out and "United States (California, New York)" in out
    # (trial 42: only Germany was listed under the EU; every member state with rules here is its child)
    assert "European Union (France, Germany, Ireland, Netherlands)" in out
    assert out.rstrip().endswith("see /help for examples.")  # /about; nothing was answered after /quit


def test_chat_piped_prints_a_transcript_each_question_above_its_answer(run):
    """Piped questions ("layoffbot chat < questions.txt") printed answers with nothing between them: which
    answer was whose could not be told."""
    result = run("chat", input="how many did amazon cut in 2023\nwhy?\n")
    assert result.exit_code == 0
    first, second = result.output.index("you> how many did amazon cut in 2023\n"), result.output.index("you> why?\n")
    assert first == 0 and "Amazon" in result.output[first:second] and "Sources:" in result.output[second:]


def test_chat_interactive_without_terminal_reads_stdin(run):
    result = run("chat", input=f"{XHS}\n/quit\n")
    assert result.exit_code == 0 and "Sources:" in result.output


def test_kb_build_and_stats(isolated_env):
    runner = CliRunner()
    db = isolated_env / "fresh.db"
    result = runner.invoke(cli, ["kb", "build", "--db", str(db)])
    assert result.exit_code == 0, result.output
    stats = json.loads(runner.invoke(cli, ["kb", "stats", "--json", "--db", str(db)]).output)
    assert set(stats) == {"companies", "events", "facts", "rules", "jurisdictions", "sources"}
    assert stats["facts"] > 0 and stats["sources"] > 0


def test_db_before_the_command_reaches_every_command_and_the_commands_own_wins(isolated_env):
    runner = CliRunner()
    db, other = isolated_env / "before.db", isolated_env / "own.db"
    assert runner.invoke(cli, ["--db", str(db), "kb", "build"]).exit_code == 0  # nested group: kb build
    assert db.is_file()
    stats = json.loads(runner.invoke(cli, ["--db", str(db), "kb", "stats", "--json"]).output)
    assert stats["facts"] > 0
    answer = runner.invoke(cli, ["--db", str(db), "ask", "--json", XHS])
    assert json.loads(answer.stdout)["answered"] is True and "Built" not in answer.output  # the same file
    runner.invoke(cli, ["--db", str(db), "ask", XHS, "--db", str(other)])
    assert other.is_file()  # the command's own --db wins
    assert not (isolated_env / "xdg" / "layoffbot" / "layoffbot.db").exists()  # the default was never touched
    missing = runner.invoke(cli, ["--db", str(isolated_env / "none.db"), "kb", "validate"])
    assert missing.exit_code != 0 and "does not exist" in missing.output  # validate checks an existing file


def test_missing_database_is_built_on_first_use(isolated_env):
    result = CliRunner().invoke(cli, ["ask", "--json", XHS], env={"XDG_DATA_HOME": str(isolated_env / "x")})
    assert json.loads(result.stdout)["answered"] is True  # stdout stays one JSON object
    assert (isolated_env / "x" / "layoffbot" / "layoffbot.db").is_file()
    assert "Built the fact base at" in result.output and "layoffbot.db" in result.output  # said where, on stderr


def test_validate_reports_file_and_line_and_exits_nonzero(tmp_path):
    (tmp_path / "bad.yaml").write_text("sources:\n  - id: Bad Id\n    url: nope\n")
    result = CliRunner().invoke(cli, ["kb", "validate", str(tmp_path)])
    assert result.exit_code != 0
    assert "bad.yaml:2:" in result.output


def test_unusable_database_path_is_one_clear_line(isolated_env):
    blocker = isolated_env / "file"
    blocker.write_text("not a dir")
    result = CliRunner().invoke(cli, ["ask", XHS, "--db", str(blocker / "x.db")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.output.strip().startswith("Error:")


def test_serve_without_token_is_a_clear_error(isolated_env):
    result = CliRunner().invoke(cli, ["serve"])
    assert result.exit_code != 0 and "TELEGRAM_BOT_TOKEN" in result.output


def _installed_command() -> str | None:
    candidate = Path(sys.executable).parent / "layoffbot"
    return str(candidate) if candidate.exists() else shutil.which("layoffbot")


def test_installed_command_in_a_real_subprocess(isolated_env):
    command = _installed_command()
    if command is None:
        pytest.skip("layoffbot is not installed in this environment")
    env = {**os.environ, "XDG_DATA_HOME": str(isolated_env / "xdg")}
    done = subprocess.run([command, "ask", "--json", XHS], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["answered"] and data["citations"][0]["url"].startswith("http")
    bad = subprocess.run([command, "ask"], capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
