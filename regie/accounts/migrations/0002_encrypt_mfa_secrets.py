"""Encrypt the MFA secrets stored before ``regie.accounts.secret_box`` was switched on."""

from django.db import migrations

from regie.accounts import secret_box


def _convert(apps, convert):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all().iterator():
        data = secret_box.map_secrets(authenticator.data, convert)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_plain(apps, schema_editor):
    _convert(apps, lambda v: v if secret_box.is_encrypted(v) else secret_box.encrypt(v))


def decrypt_all(apps, schema_editor):
    _convert(apps, secret_box.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_plain, decrypt_all)]
