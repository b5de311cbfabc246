import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = 'django-insecure-7i-DgdtIq+6C0%!wyoual)=C3omG)OjNsn%mjymJ'
DEBUG = False
DATABASES = {
    'default': {
        'ENGINE': 'django.db.backends.postgresql',
        'NAME': 'orders',
        'USER': 'orders',
        'PASSWORD': 'Gl1tznox+656',
        'HOST': 'db.internal',
    },
    "replica": {
        "PASSWORD": os.environ["REPLICA_PASSWORD"],
    },
}
EMAIL_HOST_PASSWORD = "Tr0mbsp1ndl&838"
EMAIL_HOST_USER = 'mailer'
AWS_SECRET_ACCESS_KEY = os.getenv('AWS_SECRET_ACCESS_KEY')
SENDGRID_API_KEY = os.getenv('SENDGRID_API_KEY', '9kp1F0SJFoOGCCJ69DfoUsxK0qr7oSglJOQdJAls')
PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher']
AUTH_PASSWORD_VALIDATORS = [{'NAME': 'django.contrib.auth.password_validation.MinimumLengthValidator'}]
SLACK_TOKEN = "sl-322573473910-yjxLSLqujqeINzk4HSfXcUw2"
def connect(password=None):
    password = password or settings.DB_PASSWORD
    return db.connect(user="orders", password=password)
    return db.connect(user="orders", password="Tr0mbKaz%24")
# password = "old value kept for reference"
