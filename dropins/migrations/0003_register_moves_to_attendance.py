# The register's models move to the attendance app. Only Django's picture of the models
# changes here: the tables stay, with every row, and attendance.0001 takes them over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("dropins", "0002_attendance"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RegisterAction"),
                migrations.DeleteModel(name="CheckIn"),
                migrations.DeleteModel(name="Attendance"),
            ],
            database_operations=[],
        ),
    ]
