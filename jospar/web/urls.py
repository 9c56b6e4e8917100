from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import analysis_views, corrections, discussion, editor, forms_views, indicators, jobs, views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/new/", editor.document_new, name="document-new"),
    path("documents/import/", jobs.import_upload, name="import-upload"),
    path("jobs/", jobs.job_list, name="job-list"),
    path("jobs/check/", jobs.check_all, name="check-all"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job-detail"),
    path("documents/<slug:code>/", views.document_detail, name="document-detail"),
    path("documents/<slug:code>/indicators/<str:indicator_code>/", indicators.indicator_detail,
         name="indicator-detail"),
    path("documents/<slug:code>/forms/", forms_views.forms_page, name="forms-page"),
    path("documents/<slug:code>/forms/<str:annex>.<str:fmt>", forms_views.form_download, name="form-download"),
    path("documents/<slug:code>/proposals/", discussion.proposal_submit, name="proposal-submit"),
    path("documents/<slug:code>/proposals/<int:pk>/answer/", discussion.proposal_answer, name="proposal-answer"),
    path("documents/<slug:code>/correction/", corrections.correction_review, name="correction-review"),
    path("documents/<slug:code>/correction/start/", corrections.correction_start, name="correction-start"),
    path("documents/<slug:code>/correction/discard/", corrections.correction_discard, name="correction-discard"),
    path("documents/<slug:code>/edit/", editor.document_edit, name="document-edit"),
    path("documents/<slug:code>/analysis/", analysis_views.analysis_page, name="analysis-page"),
    path("documents/<slug:code>/risks/", analysis_views.risk_register, name="risk-register"),
    path("documents/<slug:code>/analysis/do/<slug:action>/", analysis_views.analysis_action, name="analysis-action"),
    path("documents/<slug:code>/analysis/do/<slug:action>/<int:pk>/", analysis_views.analysis_action,
         name="analysis-action-item"),
    path("documents/<slug:code>/analysis/edit/<slug:action>/<int:pk>/", analysis_views.item_edit,
         name="analysis-item-edit"),
    path("documents/<slug:code>/edit/<slug:kind>/new/", editor.item_edit, name="item-new"),
    path("documents/<slug:code>/edit/<slug:kind>/<int:pk>/", editor.item_edit, name="item-edit"),
    path("documents/<slug:code>/edit/<slug:kind>/<int:pk>/delete/", editor.item_delete, name="item-delete"),
    path("", include("jospar.web.monitoring_urls")),
    path("development/", include("jospar.development.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
