import re
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from bursaries import selectors
from bursaries.models import (
    MESSAGE_STATUSES,
    Application,
    DecisionTemplate,
    Opportunity,
    Review,
)
from partners import selectors as partner_selectors
from sanctuary.codes import token_new
from sanctuary.forms import HoneypotMixin, PlainLabels
from sanctuary.text import PlainTextField

# The model's consent times are the form's tick boxes.
MODEL_TO_FORM_FIELD = {
    "referrer_consent_at": "referrer_consent",
    "privacy_consent_at": "privacy_consent",
}
STATEMENT_MAX = 3000
SUBMISSION_KEY_MAX = 64
SUBMISSION_KEY = re.compile(rf"[A-Za-z0-9_-]{{1,{SUBMISSION_KEY_MAX}}}")
OWN_WORDS_MAX = 500


class PoundsField(forms.DecimalField):
    """An amount in pounds as people type it: "£120", "1,200", "۱۲۰" or "١٢٠٫٥" are fine."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault(
            "error_messages",
            {
                "invalid": _("Write an amount in pounds, like 120."),
                "max_digits": _("That amount is too large."),
                "max_whole_digits": _("That amount is too large."),
                "max_decimal_places": _("Write pounds and pence, like 120.50."),
            },
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").replace("٫", ".").strip()
        return super().to_python(value)


SOMETHING_ELSE = "other"


class _OpportunityChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        yield from super().__iter__()
        yield (SOMETHING_ELSE, _("Something else"))

    def __len__(self):
        return super().__len__() + 1


class OpportunityChoiceField(forms.ModelChoiceField):
    """The opportunities open now, then "Something else" (told in their own words)."""

    iterator = _OpportunityChoices

    def label_from_instance(self, obj: Opportunity) -> str:
        return f"{obj.title} ({obj.venue.name})"

    def to_python(self, value):
        if value == SOMETHING_ELSE:
            return SOMETHING_ELSE
        return super().to_python(value)


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError, *, only_new: bool = False) -> None:
        """Show what the model or a service refused next to the field it is about."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        for field, messages in error.message_dict.items():
            field = MODEL_TO_FORM_FIELD.get(field, field)
            if only_new and field in self.errors:
                continue
            self.add_error(field if field in self.fields else None, messages)


class FormSection:
    """Some of a form's fields, shaped like a form for includes/form_fields.html."""

    def __init__(self, form: forms.Form, title: str, names: list[str], with_hidden=False):
        self.title = title
        self.honeypot_field = getattr(form, "honeypot_field", None)
        self._fields = [form[name] for name in names]
        self._hidden = form.hidden_fields() if with_hidden else []

    def visible_fields(self):
        return self._fields

    def hidden_fields(self):
        return self._hidden


class ApplicationForm(ServiceErrorsMixin, PlainLabels, HoneypotMixin, forms.Form):
    """The application on one short page. Field names match the model's, so that errors the
    model finds land on the right field."""

    name = PlainTextField(
        label=_("What should we call you?"),
        help_text=_("A first name or a nickname is fine."),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name", "dir": "auto"}),
    )
    contact_method = forms.ChoiceField(
        label=_("How should we tell you our answer?"),
        choices=Application.Contact.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the ways on the list.")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        required=False,
        help_text=_("Only if you chose email."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(
        label=_("Your mobile number"),
        required=False,
        help_text=_("Only if you chose text message. For example 07911 123456."),
        error_messages={
            "invalid": _("Write a mobile number, like 07911 123456 or +44 7911 123456.")
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Which language should we write to you in?"),
        error_messages={"invalid_choice": _("Choose one of the languages on the list.")},
    )
    opportunity = OpportunityChoiceField(
        label=_("What would you like to take part in?"),
        queryset=Opportunity.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose one of the things on the list, or “Something else”."),
            "invalid_choice": _("Choose one of the things on the list."),
        },
    )
    own_words = PlainTextField(
        label=_("Something else? Tell us what, in your own words"),
        help_text=_("Only if you chose “Something else”."),
        required=False,
        max_length=OWN_WORDS_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )
    support = forms.MultipleChoiceField(
        label=_("What do you need help to pay for?"),
        help_text=_("Tick all that apply."),
        choices=Application.Support.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Tick only the things on the list.")},
    )
    amount_requested = PoundsField(
        label=_("Roughly how much do you need, in pounds (£)?"),
        help_text=_("A rough amount is fine."),
        min_value=Decimal("1"),
        max_value=Decimal("10000"),
    )
    statement = PlainTextField(
        label=_("What would taking part mean to you?"),
        help_text=_("A few sentences, in any language."),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
    )
    referrer_organisation = forms.ModelChoiceField(
        label=_("Organisation that referred you"),
        queryset=partner_selectors.partner_list_active(),
        required=False,
        empty_label=_("None, or not on this list"),
        error_messages={"invalid_choice": _("Choose one of the organisations on the list.")},
    )
    referrer_name = PlainTextField(
        label=_("Name of the person who referred you"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    referrer_email = forms.EmailField(
        label=_("Their email address"),
        required=False,
        help_text=_("Only if you want our answer to go to them."),
    )
    referrer_consent = forms.BooleanField(
        label=_("I agree that you may talk to the person who referred me about my application."),
        required=False,
    )
    privacy_consent = forms.BooleanField(
        label=_(
            "I agree that Norwich Theatre keeps what I have written here to decide on my "
            "application, as the privacy notice says."
        ),
        error_messages={"required": _("Tick the box to say you agree, so that we can help you.")},
    )

    # A new one-time key each time the empty form is shown; sent back with the form, and kept
    # when the form comes back with errors, so that sending it again is one application.
    submission_key = forms.CharField(
        required=False, max_length=SUBMISSION_KEY_MAX, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["submission_key"].initial = token_new()
        self.fields["opportunity"].queryset = selectors.opportunity_list_open()
        # Each language in its own name; the page's language is the first guess.
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["language"].initial = get_language()

    # Field groups for the template, so the page reads as a few short steps.
    SECTIONS = [
        (_("About you"), ["name", "contact_method", "email", "phone", "language"]),
        (_("What you would like to do"), ["opportunity", "own_words"]),
        (_("What you need"), ["support", "amount_requested", "statement"]),
        (
            _("If someone referred you (you can leave this out)"),
            ["referrer_organisation", "referrer_name", "referrer_email", "referrer_consent"],
        ),
    ]

    def sections(self) -> list["FormSection"]:
        return [FormSection(self, title, names) for title, names in self.SECTIONS]

    def final_section(self) -> "FormSection":
        """The consent, the bot trap and the hidden fields, after the privacy notice."""
        return FormSection(self, "", ["privacy_consent", self.honeypot_field], with_hidden=True)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("opportunity") == SOMETHING_ELSE:
            cleaned_data["opportunity"] = None
            if not cleaned_data.get("own_words", "").strip() and "own_words" not in self.errors:
                self.add_error(
                    "own_words", _("Tell us in a few words what you would like to take part in.")
                )
        # The rules that join fields together (an email if you chose email…) are the model's:
        # check them now, so that every problem shows at once.
        draft = Application(
            name=cleaned_data.get("name", ""),
            contact_method=cleaned_data.get("contact_method", ""),
            email=cleaned_data.get("email") or "",
            phone=cleaned_data.get("phone") or "",
            opportunity=cleaned_data.get("opportunity"),
            own_words=cleaned_data.get("own_words", ""),
            support=cleaned_data.get("support") or [],
            statement=cleaned_data.get("statement", ""),
            referrer_organisation=cleaned_data.get("referrer_organisation"),
            referrer_name=cleaned_data.get("referrer_name", ""),
            referrer_email=cleaned_data.get("referrer_email") or "",
            referrer_consent_at=timezone.now() if cleaned_data.get("referrer_consent") else None,
        )
        try:
            draft.clean()
        except ValidationError as error:
            self.add_service_errors(error, only_new=True)
        return cleaned_data

    def application_data(self) -> dict:
        """The cleaned form as services.application_submit takes it."""
        data = {
            name: value for name, value in self.cleaned_data.items() if name != self.honeypot_field
        }
        data["submission_key"] = data.get("submission_key") or None
        return data

    def submission_key_sent(self) -> str | None:
        """The one-time key as sent, before the rest of the form is checked (None if missing
        or not one of ours)."""
        key = self.data.get("submission_key", "")
        # Looked up before the form is checked, so only what token_new could have made: a NUL
        # or any other odd character never reaches the database.
        return key if isinstance(key, str) and SUBMISSION_KEY.fullmatch(key) else None


# The admin's forms ------------------------------------------------------------------------------

RUBRIC = {
    "need": [
        (1, _("1 · Could take part without help")),
        (2, _("2 · Could take part with some difficulty")),
        (3, _("3 · Would find it hard to take part without help")),
        (4, _("4 · Could probably not take part without help")),
        (5, _("5 · Could not take part at all without help")),
    ],
    "benefit": [
        (1, _("1 · Little difference to them")),
        (2, _("2 · Some enjoyment or learning")),
        (3, _("3 · Clear benefit: skills, confidence or connection")),
        (4, _("4 · A big difference to their life here")),
        (5, _("5 · Life-changing")),
    ],
    "fit": [
        (1, _("1 · Not what the programme offers")),
        (2, _("2 · A loose fit")),
        (3, _("3 · A reasonable fit")),
        (4, _("4 · A good fit")),
        (5, _("5 · Exactly what the programme is for")),
    ],
}


class ReviewForm(forms.Form):
    need = forms.TypedChoiceField(
        label=_("Need: how much do they need this help to take part?"),
        choices=RUBRIC["need"],
        coerce=int,
        widget=forms.RadioSelect,
    )
    benefit = forms.TypedChoiceField(
        label=_("Benefit: what difference would taking part make?"),
        choices=RUBRIC["benefit"],
        coerce=int,
        widget=forms.RadioSelect,
    )
    fit = forms.TypedChoiceField(
        label=_("Fit: how well does it fit the learning and participation programme?"),
        choices=RUBRIC["fit"],
        coerce=int,
        widget=forms.RadioSelect,
    )
    recommendation = forms.ChoiceField(
        label=_("Do you recommend a bursary?"),
        choices=Review.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    comment = PlainTextField(
        label=_("Comment for the team"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("The applicant never sees this."),
    )


class DecisionForm(ServiceErrorsMixin, forms.Form):
    amount_awarded = PoundsField(label=_("Amount to award (£)"), min_value=Decimal("0.01"))
    message = PlainTextField(
        label=_("Message to the applicant"),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 70, "dir": "auto"}),
        help_text=_("They see it on their private page and in the message we send them."),
    )

    def __init__(self, *args, outcome: str, **kwargs):
        super().__init__(*args, **kwargs)
        if outcome == Application.Status.APPROVED:
            self.fields["message"].help_text = _(
                "They see it on their private page and in the message we send them. "
                "{amount} becomes the amount awarded when you confirm."
            )
        else:
            del self.fields["amount_awarded"]
        if outcome not in MESSAGE_STATUSES:
            del self.fields["message"]


class BulkDecisionForm(forms.Form):
    template = forms.ModelChoiceField(
        label=_("Message"),
        queryset=DecisionTemplate.objects.none(),
        empty_label=None,
        help_text=_("Each person gets it in their own language, with their name filled in."),
    )

    def __init__(self, *args, outcome: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = selectors.decision_templates(outcome=outcome)
