from django.db import migrations


def forget_unproven_addresses(apps, schema_editor):
    """Team members cannot add addresses, so every unverified one was recorded by a password
    reset (which allauth's link token did on its own) or an invitation: it proves nothing, and
    it stops its owner from turning on two-step sign-in. Without it the account is as it was
    before; a set-password link used later records the address as verified."""
    EmailAddress = apps.get_model("account", "EmailAddress")
    EmailAddress.objects.filter(verified=False).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("account", "0009_emailaddress_unique_primary_email"),
        ("sanctuary", "0007_user_two_factor_required_since"),
    ]

    operations = [migrations.RunPython(forget_unproven_addresses, migrations.RunPython.noop)]
