from django.db import migrations


def install(apps, schema_editor):
    from regie.audit import triggers

    apps.get_model("audit", "AuditHead").objects.get_or_create(pk=1)
    triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    from regie.audit import triggers

    triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
