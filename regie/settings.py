"""Settings, read from environment variables.

Without ``DEBUG=true`` the production profile applies: HTTPS-only cookies, HSTS, SSL redirect
and no debug pages. ``make run`` sets ``DEBUG=true`` and ``REGIE_DEMO=true`` itself.
"""

import hashlib
import tempfile
from datetime import date
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
DEMO_MODE = env.bool("REGIE_DEMO", default=False)
TESTING = env.bool("REGIE_TESTING", default=False)

SECRET_KEY = env.str(
    "SECRET_KEY",
    default="regie-insecure-development-key-only-for-debug-and-tests-0123456789" if DEBUG else "",
)
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "regie.core",
    "regie.accounts",
    "regie.audit",
    "regie.access",
    "regie.persons",
    "regie.events",
    "regie.nominations",
    "regie.criteria",
    "regie.triage",
    "regie.cases",
    "regie.reviews",
    "regie.demo",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "regie.api",
    "regie.rights",
    "regie.governance",
    "regie.monitor",
    "regie.research",
    "regie.fairness",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "regie.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "regie.accounts.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regie.accounts.middleware.SessionLifetimeMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "regie.accounts.middleware.RequireMFAMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "regie.audit.middleware.AuditContextMiddleware",
    "regie.rights.middleware.ProcessingRestrictedMiddleware",
]

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "regie.core.context_processors.regie",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{PROJECT_DIR / 'var' / 'regie.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # BEGIN IMMEDIATE: every transaction takes the write lock up front, so concurrent
        # requests queue instead of failing to upgrade a read lock ("database is locked").
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a database file too (one per checkout), not SQLite's in-memory database: in its
    # shared-cache mode concurrent writers fail with "table is locked" instead of waiting, so
    # the concurrency that production has could not be tested.
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            Path(tempfile.gettempdir())
            / f"regie-test-{hashlib.sha256(str(PROJECT_DIR).encode()).hexdigest()[:12]}.sqlite3"
        )
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # The database cache is shared by every app server, so login throttling holds across them.
    "default": env.cache_url(
        "CACHE_URL", default="dbcache://regie_cache" if not TESTING else "locmemcache://"
    )
}

# Background work (DESIGN.md §10): tasks are rows in the same database, so a task commits or rolls
# back with the work that enqueued it; `regie db_worker` runs them (docs/deploy.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Accounts and authentication ------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "regie.accounts.validators.DutchMinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "regie.accounts.validators.BreachedPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "regie.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    # Per account name (key) and per client address: 5 failures lock the account for 15 minutes.
    "login_failed": "20/m/ip,5/15m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "change_password": "5/m/user",
}
# Accounts are made and managed by functional administration: no self-service password reset
# or e-mail addresses (Regie sends no mail), and every failed second step is audited.
ACCOUNT_FORMS = {
    "reset_password": "regie.accounts.forms.ClosedResetPasswordForm",
    "add_email": "regie.accounts.forms.ClosedAddEmailForm",
}
# Behind REGIE_TRUSTED_PROXIES reverse proxies, the client address for the per-address login
# throttle comes from X-Forwarded-For (as it does for the audit log); otherwise REMOTE_ADDR.
REGIE_TRUSTED_PROXIES = env.int("REGIE_TRUSTED_PROXIES", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = REGIE_TRUSTED_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {"authenticate": "regie.accounts.forms.MFAAuthenticateForm"}
MFA_TOTP_ISSUER = "Regie"
# Accept the code of the previous and next 30-second step too (RFC 6238 §5.2: clock drift and
# typing time); each code still works only once, and five wrong codes lock the second step.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10
MFA_ADAPTER = "regie.accounts.adapters.MFAAdapter"
# Fernet keys for the MFA secrets at rest (regie.accounts.secret_box); the first encrypts.
# Empty: one key derived from SECRET_KEY (development and demo only; see docs/security.md).
REGIE_MFA_KEYS = env.list("REGIE_MFA_KEYS", default=[])
SOCIALACCOUNT_ADAPTER = "regie.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
# SSO through OpenID Connect: off unless REGIE_OIDC_* is configured.
REGIE_OIDC_ENABLED = env.bool("REGIE_OIDC_ENABLED", default=False)
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": (
            [
                {
                    "provider_id": env.str("REGIE_OIDC_PROVIDER_ID", default="regio"),
                    "name": env.str("REGIE_OIDC_NAME", default="organisatie-account (SSO)"),
                    "client_id": env.str("REGIE_OIDC_CLIENT_ID", default=""),
                    "secret": env.str("REGIE_OIDC_CLIENT_SECRET", default=""),
                    "settings": {
                        "server_url": env.str("REGIE_OIDC_SERVER_URL", default=""),
                        "oauth_pkce_enabled": True,
                    },
                }
            ]
            if REGIE_OIDC_ENABLED
            else []
        ),
    }
}

# --- Sessions: server side, idle timeout 15 minutes, absolute 12 hours ----------------------
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 15 * 60
# The idle timeout's sliding expiry is moved on by SessionLifetimeMiddleware at most once a
# minute, not by a session write on every request (a write transaction per page).
SESSION_SAVE_EVERY_REQUEST = False
REGIE_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
REGIE_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Production profile ---------------------------------------------------------------------
# Trust X-Forwarded-Proto only when a TLS-terminating proxy that sets it is in front: otherwise a
# client could claim HTTPS over plain HTTP.
REGIE_BEHIND_TLS_PROXY = env.bool("REGIE_BEHIND_TLS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if REGIE_BEHIND_TLS_PROXY else None
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# The __Host- prefix makes browsers refuse these cookies unless Secure, without Domain, on path /.
SESSION_COOKIE_NAME = "regie_session" if DEBUG else "__Host-regie_session"
CSRF_COOKIE_NAME = "regie_csrftoken" if DEBUG else "__Host-regie_csrftoken"
SECURE_HSTS_SECONDS = 0 if DEBUG else 63072000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
REGIE_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# --- Internationalisation -------------------------------------------------------------------
# The interface is Dutch for everyone, whatever language the browser asks for.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(PROJECT_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Partner API (regie.api; docs/api.md) ------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["regie.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["regie.api.authentication.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["regie.api.authentication.ApiClientRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "regie.api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_METADATA_CLASS": None,
    "EXCEPTION_HANDLER": "regie.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Calls per API client ("600/min"; s, min, hour, day), and failed token attempts per address
# per minute before that address is throttled.
REGIE_API_RATE = env.str("REGIE_API_RATE", default="600/min")
REGIE_API_FAILED_AUTH_PER_MINUTE = env.int("REGIE_API_FAILED_AUTH_PER_MINUTE", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "Regie partner-API",
    "DESCRIPTION": (
        "Voor de eigen systemen van partners: voordragen, de status en uitkomst van eigen "
        "voordrachten volgen, geregistreerde feiten aanleveren, de eigen acties in casussen "
        "bijwerken en de criteria lezen. Authenticatie met een "
        "bearer-token per client; fouten als RFC 9457 problem details in het Nederlands en "
        "Engels. Zie docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "NominationStatusEnum": "regie.nominations.models.NominationStatus",
        "NominationOutcomeEnum": "regie.nominations.models.NominationOutcome",
        "MunicipalityEnum": "regie.accounts.models.Municipality",
        "TargetGroupEnum": "regie.core.domain.TargetGroup",
        "CriteriaStatusEnum": "regie.criteria.models.CriteriaStatus",
        "ActionStatusEnum": "regie.cases.models.ActionStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regie.api.schema.close_request_bodies",
    ],
}
# --- Rights and oversight (docs/rights.md, docs/governance.md) -------------------------------
# The access export shows who accessed a person's data by organisation and role; employee
# names only when the privacy regulation allows it.
REGIE_INZAGE_SHOW_EMPLOYEE_NAMES = env.bool("REGIE_INZAGE_SHOW_EMPLOYEE_NAMES", default=False)
# Retention terms in months per record kind, overriding the defaults (regie/rights/retention).
REGIE_RETENTION: dict[str, int] = {}
# The key for the stable pseudonyms in oversight samples (at least 32 bytes). Without it, one
# is derived from SECRET_KEY, so pseudonyms change when the secret key does.
REGIE_OVERSIGHT_PSEUDONYM_KEY = env.str("REGIE_OVERSIGHT_PSEUDONYM_KEY", default="")
# Access anomalies for the privacy officer: distinct persons viewed outside one's cases within
# the period, local hours counted as odd (from, to), and refusals ("not found") per employee.
REGIE_ANOMALY_PERSONS_THRESHOLD = env.int("REGIE_ANOMALY_PERSONS_THRESHOLD", default=25)
REGIE_ANOMALY_ODD_HOURS = (22, 6)
REGIE_ANOMALY_DENIED_THRESHOLD = env.int("REGIE_ANOMALY_DENIED_THRESHOLD", default=5)

SILENCED_SYSTEM_CHECKS: list[str] = []
CSRF_FAILURE_VIEW = "regie.core.views.csrf_failure"

# --- Reviews, outflow and handover (regie.reviews; docs/reviews.md) ---------------------------
# Months between reviews per target group ("jeugd=3,volwassenen=6,doorgroeiers=6").
REGIE_REVIEW_CADENCE_MONTHS = env.dict(
    "REGIE_REVIEW_CADENCE_MONTHS",
    cast={"value": int},
    default={"jeugd": 3, "volwassenen": 6, "doorgroeiers": 6},
)
# The follow-up check "nog in beeld?" is due this many months after the outflow.
REGIE_FOLLOW_UP_MONTHS = env.int("REGIE_FOLLOW_UP_MONTHS", default=6)
# A handover not confirmed by the receiver this many days after it took place is chased.
REGIE_HANDOVER_CONFIRM_DAYS = env.int("REGIE_HANDOVER_CONFIRM_DAYS", default=14)
# Persons moved over from the former approaches get their transition review by this date.
REGIE_TRANSITION_REVIEW_DUE = date.fromisoformat(
    env.str("REGIE_TRANSITION_REVIEW_DUE", default="2026-12-31")
)

# --- Yearly monitor (regie.monitor; docs/monitor.md) -----------------------------------------
# Counts from 1 to this threshold − 1 are shown as "<5" in every monitor output (at least 3).
REGIE_MONITOR_SUPPRESSION_THRESHOLD = env.int("REGIE_MONITOR_SUPPRESSION_THRESHOLD", default=5)
# Fairness monitor (docs/fairness.md): the dimensions the region adopts besides age band, gender,
# municipality, district and nominating organisation type, as code=Dutch label. Their values
# are imported into MonitoringAttribute (``regie import monitoring-attributes``).
REGIE_FAIRNESS_DIMENSIONS: dict[str, str] = env.dict(
    "REGIE_FAIRNESS_DIMENSIONS",
    default={"migratieachtergrond": "Migratieachtergrond"} if DEMO_MODE else {},
)
