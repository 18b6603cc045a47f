"""Script conversion of answers (bot.language): OpenCC's, with what it gets wrong in a layoff text put right."""

import glob
from pathlib import Path

import yaml

from bot.language import ZH_HANT, in_script

KNOWLEDGE = Path(__file__).resolve().parent.parent / "knowledge"


def _claims_zh() -> list[str]:
    claims = []
    for path in glob.glob(str(KNOWLEDGE / "**" / "*.yaml"), recursive=True):
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        for section in ("facts", "rules", "events"):
            claims += [item["claim_zh"] for item in data.get(section) or [] if isinstance(item, dict)
                       and item.get("claim_zh")]
    return claims


def test_a_traditional_answer_never_reads_issue_as_hair_or_must_as_beard():
    """Trial 30: Singapore's notice rule in traditional script said 包括髮出通知 ("includes hair-out the notice"):
    OpenCC matched 括发 across two words. 发 and 须 in a layoff text are "issue" and "must"."""
    converted = in_script("通知期包括发出通知的当天；通知须发给受影响的员工", ZH_HANT)
    assert converted == "通知期包括發出通知的當天；通知須發給受影響的員工"
    assert in_script("首长发出书面通知", ZH_HANT) == "首長發出書面通知"


def test_no_claim_speaks_of_hair_or_beards():
    """What makes the fix above safe: no claim of the bundled base speaks of hair (头发) or a beard (胡须)."""
    claims = _claims_zh()
    assert claims
    assert not [c for c in claims if any(word in c for word in ("头发", "胡须", "理发", "发型", "须发"))
                and "须发给" not in c and "须发出" not in c]
