"""Analysis in Python: the diplodb export read with pandas, two research questions
answered, one chart drawn.

    .venv/bin/diplodb export examples/output/data
    .venv/bin/python examples/analysis.py examples/output/data examples/output

(`make example` does both.) Only pandas, pyarrow and matplotlib are needed: the Parquet
files keep dates as dates, counts as integers and arrays as lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no window

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402


def load(data: Path, view: str) -> pd.DataFrame:
    return pd.read_parquet(data / f"{view}.parquet")


def visits_and_capacity(data: Path) -> pd.DataFrame:
    """Q1: which high-level visits took place between the two countries, when, where,
    and in what capacity did each visitor travel?"""
    visits = load(data, "visits")
    between = visits[visits.host_country_code.isin(["IRN", "IRQ"])
                     & visits.visitor_country_code.isin(["IRN", "IRQ"])]
    return between.sort_values("start_date")[
        ["start_date", "visitor_name", "visitor_office_title", "host_country_code", "place",
         "status", "source_count"]]


def bilateral_trade(data: Path) -> pd.DataFrame:
    """Q10: how has reported bilateral trade (actual and targeted) moved over time?"""
    figures = load(data, "reported_figures")
    trade = figures[figures.metric == "bilateral-trade"].sort_values("as_of")
    return trade.assign(billion_usd=trade.value / 1e9)[
        ["as_of", "qualifier", "billion_usd", "unit", "source_count"]]


def per_year_by_country(data: Path) -> pd.DataFrame:
    """Visits made (completed or ongoing, by the visitor's country) and statements (by the
    speaker's country; an office or outlet speaking without a named person counts under
    'organization')."""
    visits = load(data, "visits")
    visits = visits[visits.status.isin(["completed", "ongoing"])]
    visits = pd.DataFrame({"year": pd.to_datetime(visits.start_date).dt.year,
                           "country": visits.visitor_country_code, "what": "visits"})
    statements = load(data, "statements").merge(
        load(data, "persons")[["person_id", "country_code"]],
        left_on="speaker_id", right_on="person_id", how="left")
    statements = pd.DataFrame({"year": pd.to_datetime(statements.said_on).dt.year,
                               "country": statements.country_code.fillna("organization"),
                               "what": "statements"})
    both = pd.concat([visits, statements])
    return both.groupby(["what", "year", "country"]).size().unstack("country", fill_value=0)


def chart(counts: pd.DataFrame, version: str, target: Path) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5), sharey=False)
    colours = {"IRN": "#1b7837", "IRQ": "#b2182b", "organization": "#999999"}
    for ax, what in zip(axes, ["visits", "statements"]):
        table = counts.loc[what]
        table = table.loc[:, (table != 0).any()]
        table.plot.bar(ax=ax, color=[colours.get(c, "#4575b4") for c in table.columns], rot=0,
                       width=0.75)
        ax.set_title("Visits made, by the visitor's country" if what == "visits"
                     else "Statements, by the speaker's country")
        ax.set_xlabel("year")
        ax.set_ylabel(f"number of {what}")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylim(0, table.to_numpy().max() * 1.3)  # room for the legend
        ax.legend(title="country")
    fig.suptitle(f"Iran–Iraq high-level diplomacy (diplodb data version {version})")
    fig.tight_layout()
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=120)
    plt.close(fig)


def main(data: Path, output: Path) -> Path:
    version = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["version"]
    pd.set_option("display.width", 160)
    print(f"diplodb data version {version}\n")
    print("Q1. Visits between Iran and Iraq, and the visitor's capacity:")
    print(visits_and_capacity(data).to_string(index=False), "\n")
    print("Q10. Reported bilateral trade over time (billion USD):")
    print(bilateral_trade(data).to_string(index=False), "\n")
    counts = per_year_by_country(data)
    print("Visits and statements per year, by country:")
    print(counts.to_string(), "\n")
    target = output / "visits_and_statements_per_year.png"
    chart(counts, version, target)
    print(f"chart written to {target}")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: analysis.py EXPORT_DIR OUTPUT_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
