"""Every statement that changes a booking, a session, a series or a venue notifies the
"dropins_state" channel when it commits: each web process keeps the public pages' state rows
until it hears that (dropins.selectors, sanctuary.listening). PostgreSQL only."""

from django.db import migrations

CHANNEL = "dropins_state"
TABLES = ("dropins_booking", "dropins_dropinsession", "dropins_dropinseries", "venues_venue")

FUNCTION = f"""
CREATE OR REPLACE FUNCTION dropins_state_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', '');
    RETURN NULL;
END
$$;
"""


def triggers_add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER dropins_state_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION dropins_state_notify()"
        )


def triggers_remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS dropins_state_notify ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS dropins_state_notify()")


class Migration(migrations.Migration):
    dependencies = [
        ("dropins", "0010_booking_contact_indexes_by_contact_first"),
        ("venues", "0001_initial"),
    ]

    operations = [migrations.RunPython(triggers_add, triggers_remove)]
