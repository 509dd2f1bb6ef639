"""Django's admin widgets, with what assistive technology needs that Django leaves out."""

from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledSplitDateTime(AdminSplitDateTime):
    """The date and the time boxes of a moment, each named by the word shown before it
    ("Date:", "Time:"), which Django prints as bare text beside unlabelled inputs."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        date, time = context["widget"]["subwidgets"]
        date["attrs"]["aria-label"] = str(context["date_label"]).rstrip(": ")
        time["attrs"]["aria-label"] = str(context["time_label"]).rstrip(": ")
        return context
