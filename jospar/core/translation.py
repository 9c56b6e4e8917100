from modeltranslation.translator import TranslationOptions, register, translator

from .models import Official, Organization, Territory


@register(Territory)
class TerritoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Official)
class OfficialTranslation(TranslationOptions):
    fields = ("position",)


# The historical models of django-simple-history copy every column, so they carry the translations too.
translator.register(Organization.history.model, OrganizationTranslation)
translator.register(Official.history.model, OfficialTranslation)
