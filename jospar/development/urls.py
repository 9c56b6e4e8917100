from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.workflow_list, name="list"),
    path("<slug:code>/", views.workflow_detail, name="workflow"),
    path("<slug:code>/changes/<int:pk>/justify/", views.workflow_action, {"action": "justify"}, name="justify"),
    path("<slug:code>/<slug:action>/", views.workflow_action, name="action"),
]
