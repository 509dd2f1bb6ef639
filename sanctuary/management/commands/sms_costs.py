"""Print how many parts each kind of text takes in each language, at its worst: what a text
costs (a provider charges per part), and a check for a translator that a new wording fits."""

from django.core.management.base import BaseCommand
from django.db import transaction

from sanctuary.sms.costs import MAX_PARTS, sms_costs


class Command(BaseCommand):
    help = "Print the parts each kind of text takes in each language (its worst case)."

    def handle(self, *args, **options):
        # Rendering makes short links; they are not kept.
        with transaction.atomic():
            costs = sms_costs()
            transaction.set_rollback(True)
        languages = list(next(iter(costs.values())))
        width = max(len(template) for template in costs)
        self.stdout.write(" " * width + "".join(f"{code:>5}" for code in languages))
        too_long = 0
        for template, by_language in costs.items():
            cells = []
            for code in languages:
                parts = by_language[code]
                mark = "!" if parts.count > MAX_PARTS else ""
                too_long += bool(mark)
                cells.append(f"{mark}{parts.count}{'u' if parts.encoding == 'UCS-2' else 'g'}")
            self.stdout.write(f"{template:<{width}}" + "".join(f"{cell:>5}" for cell in cells))
        self.stdout.write(f"g: GSM-7, u: UCS-2; ! more than {MAX_PARTS} parts")
        if too_long:
            self.stderr.write(f"{too_long} texts take more than {MAX_PARTS} parts.")
