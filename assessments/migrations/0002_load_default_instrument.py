from django.db import migrations


def load(apps, schema_editor):
    from assessments.services.instrument import load_default_instrument

    load_default_instrument(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_instrument_assessment_history")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
