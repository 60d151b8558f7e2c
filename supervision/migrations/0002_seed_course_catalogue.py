"""The courses every provider starts with (the issue's list); providers add their own."""

from django.db import migrations

COURSES = [
    ("Trauma-informed practice", 36, "Developmental trauma and what helps children recover."),
    ("The assessment model (brain map)", 36, "Reading a child's brain map and sequencing care bottom-up."),
    ("PACE and therapeutic parenting", 36, "Playfulness, acceptance, curiosity and empathy in daily care."),
    ("Safeguarding children", 12, "Recognising and reporting harm; the home's safeguarding procedures."),
    ("First aid (paediatric)", 36, "Paediatric first aid at work."),
    ("De-escalation and physical intervention", 12, "Co-regulation first; safe holding only as a last resort."),
    ("Medication administration", 12, "Storing, giving and recording medicines."),
]


def add_courses(apps, schema_editor):
    Course = apps.get_model("supervision", "Course")
    for name, months, description in COURSES:
        Course.objects.get_or_create(name=name, defaults={"valid_for_months": months, "description": description})


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_supervision_training_wellbeing")]

    operations = [migrations.RunPython(add_courses, migrations.RunPython.noop)]
