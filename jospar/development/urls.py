from django.urls import path

from . import views

app_name = "development"
urlpatterns = [
    path("", views.workflow_list, name="list"),
    path("reorganisations/", views.reorganization_list, name="reorganizations"),  # cl. 126, country-wide
    path("<slug:code>/", views.workflow_detail, name="workflow"),
    path("<slug:code>/working-group/", views.working_group_edit, name="working-group"),  # cl. 128
    path("<slug:code>/send-to/", views.send_to_competent_body, name="send-to"),  # cl. 124
    path("<slug:code>/reorganisation/", views.reorganization_new, name="reorganization"),  # cl. 126
    path("<slug:code>/reorganisation/<int:pk>/correct/", views.reorganization_correct,
         name="reorganization-correct"),  # cl. 126
    path("<slug:code>/reorganisation/<int:pk>/undo/", views.reorganization_undo, name="reorganization-undo"),
    path("<slug:code>/reorganisation/<int:pk>/remove/", views.reorganization_remove, name="reorganization-remove"),
    path("<slug:code>/transfer/", views.transfer_goals, name="transfer"),  # cl. 126
    path("<slug:code>/changes/<int:pk>/justify/", views.workflow_action, {"action": "justify"}, name="justify"),
    path("<slug:code>/<slug:action>/", views.workflow_action, name="action"),
]
