"""Administration of the rule table and the calendar. Every write goes through the services,
so a correction keeps its history and a calendar change reaches open cases."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from danvan.core.admin import ReadOnlyAdmin
from danvan.deadlines import services, workcal
from danvan.deadlines.forms import OverrideImportForm
from danvan.deadlines.models import CalendarOverride, DeadlineRule, RuleCorrection
from danvan.deadlines.overrides_io import parse_overrides

_EDITABLE = (
    *DeadlineRule.VALUE_FIELDS,
    "name_vi",
    "name_en",
    "note_vi",
    "note_en",
    "start_event_vi",
    "start_event_en",
    "area",
)


class DeadlineRuleForm(forms.ModelForm):
    correction_reference = forms.CharField(
        label=_lazy("Căn cứ sửa đổi"),
        required=False,
        max_length=300,
        help_text=_lazy("Bắt buộc khi sửa một quy định: số, ngày của văn bản làm căn cứ."),
    )

    class Meta:
        model = DeadlineRule
        fields = (
            "key",
            "version",
            "area",
            "name_vi",
            "name_en",
            *DeadlineRule.VALUE_FIELDS,
            "start_event_vi",
            "start_event_en",
            "note_vi",
            "note_en",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            self.instance.pk
            and self.changed_data
            and not (data.get("correction_reference") or "").strip()
        ):
            changed = [f for f in self.changed_data if f != "correction_reference"]
            if changed:
                self.add_error("correction_reference", _("Cần nêu căn cứ của việc sửa quy định."))
        return data


class RuleCorrectionInline(admin.TabularInline):
    model = RuleCorrection
    extra = 0
    can_delete = False
    readonly_fields = ("at", "by", "changes", "reference")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    form = DeadlineRuleForm
    list_display = (
        "key",
        "version",
        "name_vi",
        "amount",
        "unit",
        "effective_from",
        "effective_to",
        "confirmed",
    )
    list_filter = ("area", "unit", "kind", "confirmed")
    search_fields = ("key", "name_vi", "name_en", "citation")
    inlines = [RuleCorrectionInline]

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form: Any, change: bool) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        current = DeadlineRule.objects.get(pk=obj.pk)
        changes = {
            f: form.cleaned_data[f]
            for f in form.changed_data
            if f in _EDITABLE and form.cleaned_data[f] != getattr(current, f)
        }
        try:
            services.rule_correct(
                actor=request.user,
                rule=current,
                changes=changes,
                reference=form.cleaned_data.get("correction_reference", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))


@admin.register(RuleCorrection)
class RuleCorrectionAdmin(ReadOnlyAdmin):
    list_display = ("rule", "at", "by", "reference")
    readonly_fields = ("rule", "at", "by", "changes", "reference")


class CalendarOverrideForm(forms.ModelForm):
    class Meta:
        model = CalendarOverride
        fields = ("date", "kind", "name_vi", "name_en", "reference")

    def clean_date(self) -> Any:
        day = self.cleaned_data["date"]
        if not workcal.FIRST_YEAR <= day.year <= workcal.LAST_YEAR:
            raise ValidationError(
                _("Ngày phải trong các năm %(a)s–%(b)s.")
                % {"a": workcal.FIRST_YEAR, "b": workcal.LAST_YEAR}
            )
        return day


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    form = CalendarOverrideForm
    list_display = ("date", "kind", "name_vi", "reference", "created_by")
    list_filter = ("kind",)
    date_hierarchy = "date"
    search_fields = ("name_vi", "reference")
    change_list_template = "admin/deadlines/calendaroverride/change_list.html"

    def get_urls(self) -> list:
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="deadlines_calendaroverride_import",
            ),
            *super().get_urls(),
        ]

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: Any, change: bool
    ) -> None:
        data: dict[str, Any] = {
            "day": obj.date,
            "kind": obj.kind,
            "name_vi": obj.name_vi,
            "name_en": obj.name_en,
            "reference": obj.reference,
        }
        if change:
            services.override_update(actor=request.user, override=obj, **data)
        else:
            saved = services.override_create(actor=request.user, **data)
            obj.pk = saved.pk

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        services.override_delete(actor=request.user, override=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            services.override_delete(actor=request.user, override=obj)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        errors: list[str] = []
        form = OverrideImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            parsed = parse_overrides(upload, upload.name)
            errors = parsed.errors
            if not errors:
                try:
                    done = services.overrides_import(actor=request.user, rows=parsed.rows)
                except ValidationError as exc:
                    errors = exc.messages
                else:
                    messages.success(
                        request, _("Đã nhập %(n)s điều chỉnh lịch.") % {"n": len(done)}
                    )
                    return HttpResponseRedirect(
                        reverse("admin:deadlines_calendaroverride_changelist")
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "errors": errors,
            "title": _("Nhập điều chỉnh lịch từ tệp"),
        }
        return render(request, "admin/deadlines/calendaroverride/import.html", context)
