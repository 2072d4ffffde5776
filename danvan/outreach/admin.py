"""The province edits terms, courses and the courses each role requires here."""

from django.contrib import admin

from danvan.outreach.models import Course, RequiredCourse, Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "starts", "ends")


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "topic", "hours")
    search_fields = ("code", "name")


@admin.register(RequiredCourse)
class RequiredCourseAdmin(admin.ModelAdmin):
    list_display = ("role", "course")
    list_filter = ("role",)
