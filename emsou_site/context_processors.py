from django.conf import settings

from units.models import Force


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_full_name": settings.SITE_FULL_NAME,
        "footer_forces": Force.objects.all(),
    }
