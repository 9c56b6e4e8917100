"""Pages of the monitoring cycle (inbox, report entry, review, conclusion); see monitoring_views.py."""

from django.urls import path

from . import monitoring_views as mv

urlpatterns: list = [
    path("inbox/", mv.inbox, name="inbox"),
    path("calendar/", mv.calendar_view, name="monitoring-calendar"),
    path("documents/<slug:code>/report/<int:year>/", mv.report, name="monitoring-report"),
    path("documents/<slug:code>/report/<int:year>/q<int:quarter>/", mv.report, name="monitoring-report-quarter"),
    path("documents/<slug:code>/final-report/", mv.final_report, name="monitoring-final-report"),
    path("documents/<slug:code>/quarterly/<int:year>/", mv.quarterly_view, name="monitoring-quarterly"),
    path("documents/<slug:code>/proposals/<int:year>/q<int:quarter>/", mv.proposals_view,
         name="monitoring-proposals"),
    path("documents/<slug:code>/monitoring/<int:year>/", mv.overview, name="monitoring-overview"),
    path("documents/<slug:code>/monitoring/<int:year>/open/", mv.open_period, name="monitoring-open"),
    path("documents/<slug:code>/conclusion/<int:year>/", mv.conclusion_page, name="monitoring-conclusion"),
    path("submissions/<int:pk>/", mv.submission_detail, name="monitoring-submission"),
]
