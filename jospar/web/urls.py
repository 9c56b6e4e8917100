from django.contrib.auth import views as auth_views
from django.urls import path

from . import editor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/new/", editor.document_new, name="document-new"),
    path("documents/<slug:code>/", views.document_detail, name="document-detail"),
    path("documents/<slug:code>/edit/", editor.document_edit, name="document-edit"),
    path("documents/<slug:code>/edit/<slug:kind>/new/", editor.item_edit, name="item-new"),
    path("documents/<slug:code>/edit/<slug:kind>/<int:pk>/", editor.item_edit, name="item-edit"),
    path("documents/<slug:code>/edit/<slug:kind>/<int:pk>/delete/", editor.item_delete, name="item-delete"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
