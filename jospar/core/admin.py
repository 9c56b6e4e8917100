from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .admin_mixins import TranslatedHistoryAdmin
from .models import Membership, Official, Organization, Territory, User


@admin.register(Territory)
class TerritoryAdmin(TranslatedHistoryAdmin):
    list_display = ("kato", "name", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("kato", "name_kk", "name_ru", "name_en")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0
    fields = ("full_name", "position_kk", "position_ru", "position_en", "rank")


@admin.register(Organization)
class OrganizationAdmin(TranslatedHistoryAdmin):
    list_display = ("code", "name", "abbreviation", "kind", "authority", "parent", "territory")
    list_filter = ("kind", "authority")
    search_fields = ("code", "name_kk", "name_ru", "name_en", "abbreviation_kk", "abbreviation_ru")
    list_select_related = ("parent", "territory")
    autocomplete_fields = ("parent", "territory")
    inlines = [OfficialInline]


@admin.register(Official)
class OfficialAdmin(TranslatedHistoryAdmin):
    list_display = ("full_name", "position", "rank", "organization")
    list_filter = ("rank",)
    search_fields = ("full_name", "position_kk", "position_ru", "organization__code")
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("organization",)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Jospar"), {"fields": ("preferred_language",)}))
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "organization__code")
    autocomplete_fields = ("user", "organization")
    list_select_related = ("user", "organization")
