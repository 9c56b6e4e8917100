"""Which years the final report of a document shows column by column (Annex 10 R-10.9, Annex 14 R-14.9).

The methodology (Kazakh original, Annex 10 expl. 2(8) second paragraph; Annex 14 expl. 4(10) last sentence):

* Annex 10: "Ұлттық жоспарды іске асырудың барлық жылдарына (соңғы іске асырылатын жылы) мониторинг жүргізу
  барысында осы бөлім әрбір жыл бойынша 5 және 6-бағандарға ұқсас жаңа "жоспар" және "факт" бағандарымен
  толықтырылады" — when monitoring covers all the years of the National Plan (in its last year), section 1.1
  gets a new "plan" and "fact" pair for each year.
* Annex 14: "Бағалау жүргізілген жылдары осы бөлім әрбір бағаланатын жыл бойынша 6, 7 және 8-бағандарға ұқсас
  "базалық (бастапқы) мән", "жоспар" және "нақты" деген жаңа бағандармен толықтырылады" — in the years an
  evaluation is carried out, section 1 gets a new baseline/plan/actual triplet for each evaluated year.

Decisions (cl. 230, 244, 270; SPEC part 5 F-3, F-4, V-14):

* Y1. The report that gets the extra columns is the final report: the report of the last year of the period.
  cl. 230 makes the final report the one with "the information summarised over the whole period", cl. 244
  forms the National Plan's last-year report "for the whole period", and Annex 10 says so in brackets.
  For Annex 14 "the years an evaluation is carried out" is read the same way: the evaluation of the whole
  period happens in the final report (cl. 230, 270); an annual report covers its own year in columns 6-8.
* Y2. Columns 5-8 (Annex 10) and 6-8 (Annex 14) stay the reporting (last) year, as expl. 1(2) defines the
  reporting period; the added groups are the *earlier* years, in calendar order, appended after the last
  column of the form, so the form's own columns keep their numbers (the added ones are numbered on).
* Y3. Annex 10 adds every earlier year of the period ("барлық жылдары", all years), whether or not its
  report was accepted: an empty cell then shows that nothing was reported.
* Y4. Annex 14 adds the earlier years that were *evaluated*: cl. 270 carries out evaluation on the basis of
  the implementation reports, so a year counts when its annual report to the authorized body was accepted
  (monitoring ``Submission`` level "report", status "accepted", the whole year). The other years are named in
  a note under the table, never shown as empty columns that would read as "nothing achieved".
* Y5. Annex 10 repeats only "plan" and "fact" (the text names only these two); the deviation (column 7) and
  the reasons stay for the last year.
"""

from __future__ import annotations

from jospar.planning.models import Document


def is_final_report(document: Document, year: int) -> bool:
    """Y1: the report of the last year of the period is the final report (cl. 230, 244)."""
    return year == document.period_end


def implementation_years(document: Document, year: int) -> list[int]:
    """Y1-Y3: the earlier years of the National Plan shown as plan/fact pairs in its final report (R-10.9)."""
    if not is_final_report(document, year):
        return []
    return [y for y in document.years if y < year]


def accepted_report_years(document: Document) -> set[int]:
    """The years whose annual report to the authorized body was accepted (one query)."""
    from jospar.monitoring.models import Submission, SubmissionLevel, SubmissionStatus

    return set(Submission.objects.filter(
        period__document=document, period__quarter=0, level=SubmissionLevel.REPORT,
        status=SubmissionStatus.ACCEPTED).values_list("period__year", flat=True))


def evaluated_years(document: Document, year: int) -> tuple[list[int], list[int]]:
    """Y1, Y2, Y4: (evaluated earlier years, earlier years left out for want of an accepted report) (R-14.9)."""
    if not is_final_report(document, year):
        return [], []
    earlier = [y for y in document.years if y < year]
    accepted = accepted_report_years(document)
    return [y for y in earlier if y in accepted], [y for y in earlier if y not in accepted]
