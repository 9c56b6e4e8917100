"""The msgids of the analysis-stage compliance rules (`jospar.compliance.rules.analysis`).

They live in this app so that `makemessages` in `jospar/analysis` extracts them into the analysis catalogs
(kk, ru), which Django merges with every other catalog when a report is rendered. Pure Python.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    """Mark a msgid for extraction; it is translated when the finding is rendered."""
    return message


# rule titles
V02_TITLE = gettext_noop("The analysis uses the data of the three years before the year of development")
V03_TITLE = gettext_noop("Every factor is external or internal and belongs to one of the seven groups")
V04_TITLE = gettext_noop("The aspect of a SWOT item follows its category")
V05_TITLE = gettext_noop("A regional plan has a SWOT analysis")
V06_TITLE = gettext_noop("Problems do not repeat each other")
V07_TITLE = gettext_noop("The cause-and-effect links of the problems make no cycle")
V08_TITLE = gettext_noop("Key problems are identified and every goal is formed on a key problem")

# messages
V02_MISSING = gettext_noop(
    "the analysis has no data for %(years)s: it uses the data of the three years before %(year)s")
V03_KIND = gettext_noop("the factor is neither external nor internal (%(kind)s)")
V03_GROUP = gettext_noop("the factor belongs to none of the seven groups of factors (%(group)s)")
V04_CATEGORY = gettext_noop("the SWOT item has no category of the four (%(category)s)")
V04_ASPECT = gettext_noop("the SWOT item is in the category %(category)s, so its aspect is %(expected)s, not %(aspect)s")
V05_NONE = gettext_noop("the regional plan has no SWOT analysis (strengths, weaknesses, opportunities, threats)")
V05_PART = gettext_noop("the SWOT analysis has no %(categories)s")
V06_REPEAT = gettext_noop("the problem repeats problem %(other)s: merge them or make the difference clear")
V07_CYCLE = gettext_noop("the cause-and-effect links make a cycle %(cycle)s, so the problems have no levels")
V08_NO_KEY = gettext_noop("the analysis identifies no key problem")
V08_GOAL = gettext_noop("the goal is formed on no key problem")

# words shown inside messages
CATEGORY_WORDS = {
    "strength": gettext_noop("strength"),
    "weakness": gettext_noop("weakness"),
    "opportunity": gettext_noop("opportunity"),
    "threat": gettext_noop("threat"),
}
CATEGORY_PLURALS = {
    "strength": gettext_noop("strengths"),
    "weakness": gettext_noop("weaknesses"),
    "opportunity": gettext_noop("opportunities"),
    "threat": gettext_noop("threats"),
}
ASPECT_WORDS = {
    "internal": gettext_noop("internal"),
    "external": gettext_noop("external"),
}

# the kinds of items the analysis rules name (for `compliance.services.ITEM_KINDS`)
ITEM_KINDS = {
    "factor": gettext_noop("Factor"),
    "swot": gettext_noop("SWOT item"),
    "problem": gettext_noop("Problem"),
}
