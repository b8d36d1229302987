"""Agreements: memoranda, treaties, pacts, deals, timetables and commitments ("pledged",
"will expand ..."), with their parties, how many instruments and their value when stated.

Dated by the sentence's own date; a plan not dated there (or dated only before the
report, which then dates something else) within the visit it is planned for, else from
the publication day on; one reported concluded and not dated, no later than the report."""

from __future__ import annotations

import re
from typing import Any

from diplodb.draft.facts.base import PLAN, Drafter, Fact
from diplodb.draft.facts.figures import read_figures

AGREE = re.compile(r"\b(memorand(?:um|a) of understanding|MoUs?|agreements?|pact|treaty|deal"
                   r"|accord|understanding|timetable|pledged|commitment|a will on both"
                   r"|will (?:be )?(?:expand|raise|increase|boost|strengthen)\w*)\b")


def draft(dr: Drafter, start: int, end: int, text: str) -> None:
    trigger = AGREE.search(text)
    if trigger is None:
        return
    word = trigger.group().lower()
    kind = "mou" if "memorand" in word or word.startswith("mou") else \
        "treaty" if word == "treaty" else "pact" if word == "pact" else \
        "commitment" if word in ("pledged", "commitment") or word.startswith("will") \
        or word == "a will on both" else "other"
    status = "signed" if re.search(r"\bsign(?:ed|ing)?\b", text) and not PLAN.search(
        text[:trigger.start()]) else "planned" if PLAN.search(text) and kind != "commitment" \
        else "announced"
    codes = []
    for m in dr.found.within(start, end, "country"):
        if m.ref not in codes:
            codes.append(m.ref)
    count = re.search(r"\b(\d+)\s+" + re.escape(trigger.group()), text)
    fields: dict[str, Any] = {
        "id": dr.new_id(kind, *(codes[:2] or ["draft"])),
        "title": text[:90].rsplit(" ", 1)[0] + ("…" if len(text) > 90 else ""),
        "kind": kind, "status": status, "parties": (codes + ["IRN", "IRQ"])[:2]
        if len(codes) < 2 else codes}
    if count:
        fields["instrument_count"] = int(count.group(1))
    money = [f for f in read_figures(dr, start, end, text) if f[2].startswith("USD")]
    if money:
        fields["value_usd"] = money[0][1]
    fact = Fact("agreements", fields, [(start, end)])
    day = dr.date_of(start, end, start + trigger.start(), inherit=kind == "commitment")
    if status == "planned":
        if day and day.latest and dr.published and day.latest < dr.published:
            day = None  # a plan is for later: "elected in July" dates something else
        if day is None:
            visit = dr.visit_quoting(start, end)
            day = (dr.visit_span(visit, start, "planned for the visit", planned=True)
                   if visit else None) or dr.from_report(start, "a plan")
    elif day is None and kind != "commitment":
        day = dr.by_report(start, f"reported as {status}")
    if day:
        fact.dates["concluded_on"] = day
    dr.facts.append(fact)
