"""Official forms on the web: download any annex of a document; upload a filled-in report workbook back."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jospar.annexes.roundtrip import WorkbookRejected, do_apply_workbook
from jospar.annexes.services import ANNEXES, CONTENT_TYPES, FORMATS, FormError, build_form, file_name
from jospar.annexes.services import render as render_form
from jospar.core.models import Organization
from jospar.planning.access import access_document_by_code, sees_restricted_items
from jospar.planning.services import editor_organization_ids

MAX_WORKBOOK = 20 * 1024 * 1024


class WorkbookForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled-in workbook (.xlsx)"))
    organization = forms.ModelChoiceField(label=gettext_lazy("On behalf of"), queryset=Organization.objects.none())
    apply = forms.BooleanField(label=gettext_lazy("Write the changes (otherwise only show them)"), required=False)
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(pk__in=editor_organization_ids(user))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_WORKBOOK:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return f.read()


def _annexes_of(document):
    return [spec for spec in ANNEXES.values() if document.type in spec.types]


def forms_page(request, code: str):
    document = access_document_by_code(request.user, code)
    upload = None
    result = problems = None
    if request.user.is_authenticated:
        upload = WorkbookForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and upload.is_valid():
            data = upload.cleaned_data
            try:
                result = do_apply_workbook(data["file"], organization=data["organization"], acting_user=request.user,
                                           reason=data["reason"], dry_run=not data["apply"])
            except WorkbookRejected as exc:
                problems = [str(p) for p in exc.problems]
    orgs = Organization.objects.filter(pk__in=editor_organization_ids(request.user)) \
        if request.user.is_authenticated else []
    return render(request, "web/forms.html", {
        "document": document, "annexes": _annexes_of(document), "formats": FORMATS, "years": list(document.years),
        "upload": upload, "result": result, "problems": problems, "organizations": orgs,
    })


def form_download(request, code: str, annex: str, fmt: str):
    document = access_document_by_code(request.user, code)
    if fmt not in FORMATS or annex not in ANNEXES:
        raise Http404
    lang = request.GET.get("lang") or request.LANGUAGE_CODE
    org = None
    if request.GET.get("org"):
        org = Organization.objects.filter(code=request.GET["org"],
                                          pk__in=editor_organization_ids(request.user)).first()
        if org is None:
            raise Http404
    try:
        year = int(request.GET["year"]) if request.GET.get("year") else None
        form = build_form(document, annex, year=year, lang=lang, organization=org,
                          public=not sees_restricted_items(request.user, document))
        content = render_form(form, fmt)
    except (FormError, ValueError) as exc:
        return render(request, "web/form_error.html", {"document": document, "message": str(exc)}, status=400)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(form, fmt)}"'
    return response


