"""Long work in the background: upload a JSON document, check every document; a page with a progress bar."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jospar.core.jobs import start_job
from jospar.core.models import Job

MAX_UPLOAD = 20 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("JSON file of a document (format jospar.document/1)"))
    reason = forms.CharField(label=gettext_lazy("Reason for the change"), required=False, max_length=500)
    dry_run = forms.BooleanField(label=gettext_lazy("Only check, write nothing"), required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return f.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


@login_required
def import_upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = start_job("import_document", user=request.user, input_text=form.cleaned_data["file"],
                        params={"reason": form.cleaned_data["reason"], "dry_run": form.cleaned_data["dry_run"]})
        return redirect("job-detail", pk=job.pk)
    return render(request, "web/import.html", {"form": form})


@login_required
def check_all(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    job = start_job("check_documents", user=request.user)
    messages.info(request, _("The check runs in the background."))
    return redirect("job-detail", pk=job.pk)


@login_required
def job_list(request):
    return render(request, "web/jobs.html", {"jobs": Job.objects.filter(created_by=request.user)[:50]})


@login_required
def job_detail(request, pk: int):
    job = get_object_or_404(Job, pk=pk, created_by=request.user)
    template = "web/_job_progress.html" if request.headers.get("HX-Request") else "web/job.html"
    return render(request, template, {"job": job})
