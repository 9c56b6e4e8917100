"""Pages of the monitoring cycle (inbox, report entry, review, conclusion); see monitoring_views.py."""

urlpatterns: list = []
