"""Charts of structured answers: the data each view draws, the PNG, and `ask --chart`."""

from __future__ import annotations

import io
from contextlib import closing

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.db import connect_readonly
from bot.views import ViewQuery, chart_data

pytest.importorskip("matplotlib")

from bot.charts import chart_for, render_png  # noqa: E402


@pytest.fixture(scope="module")
def conn(curated_db):  # the SQL checks below hold where no imported rows fold into rounds
    with closing(connect_readonly(curated_db)) as connection:
        yield connection


def test_year_total_is_drawn_by_month_with_every_month(conn):
    data = chart_data(conn, ViewQuery("total", year=2023))
    assert data.labels == tuple(f"2023-{m:02d}" for m in range(1, 13))
    expected = dict(conn.execute("select substr(date, 1, 7), sum(headcount) from events where date like '2023%' "
                                 "and coalesce(retired, 0) = 0 group by 1").fetchall())
    assert data.values == tuple(float(expected.get(label) or 0) for label in data.labels)
    assert (data.title, data.x_label, data.y_label) == ("Layoffs by month in 2023", "Month", "People laid off")
    count = conn.execute("select count(*) from events where coalesce(retired, 0) = 0").fetchone()[0]
    assert data.source_line.startswith(f"Source: layoffbot fact base, {count:,} events, the latest dated ")


def test_ranking_and_timeline_data(conn):
    ranking = chart_data(conn, ViewQuery("ranking", year=2022, limit=5))
    assert ranking.horizontal and len(ranking.values) == 5 and list(ranking.values) == sorted(ranking.values,
                                                                                              reverse=True)
    timeline = chart_data(conn, ViewQuery("timeline", ("meta",)))
    # One round per company and month (WARN notices of a month fold into the round); the latest 30.
    months = [r[0] for r in conn.execute("select distinct substr(date, 1, 7) from events where company_id = 'meta' "
                                         "and headcount is not null order by 1")]
    labels = list(timeline.labels)
    # the latest 30 rounds, oldest first
    assert labels == sorted(labels) and set(labels) <= set(months) and labels[-1] == months[-1] and len(labels) <= 30
    assert timeline.title.startswith("Meta Platforms: layoffs by round")


def test_png_is_phone_sized_and_labelled(conn):
    from PIL import Image

    png = chart_for(conn, ViewQuery("ranking", year=2022, limit=5), question="biggest layoffs of 2022")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 900)


def test_render_png_draws_any_series():
    from bot.views import ChartData

    png = render_png(ChartData("Title", "X", "Y", ("a", "b"), (1.0, 2.0), "Source: test"))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_ask_chart_writes_a_png(built_db, isolated_env, tmp_path):
    target = tmp_path / "chart.png"
    result = CliRunner().invoke(cli, ["ask", "--db", str(built_db), "--chart", str(target), "all of Meta's layoffs"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"\x89PNG") and "Meta Platforms" in result.output


def test_ask_chart_refuses_a_single_fact_question(built_db, isolated_env, tmp_path):
    target = tmp_path / "chart.png"
    result = CliRunner().invoke(cli, ["ask", "--db", str(built_db), "--chart", str(target),
                                      "How many people did Xiaohongshu lay off?"])
    assert result.exit_code != 0 and "no chart" in result.output and not target.exists()


def test_chinese_question_gets_chinese_labels_in_its_script(conn):
    simplified = chart_data(conn, ViewQuery("total", year=2023), question="2023年裁员总数")
    assert simplified.title == "2023年每月裁员人数" and simplified.source_line.startswith("来源：layoffbot 事实库")
    traditional = chart_data(conn, ViewQuery("total", year=2023), question="2023年裁員總數")
    assert traditional.title == "2023年每月裁員人數"
