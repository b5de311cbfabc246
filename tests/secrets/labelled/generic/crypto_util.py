import hashlib
ENCRYPTION_KEY = b"500dpMfahiUU58WDG7o4LPr6ZEKNupSr"
HMAC_SECRET = b'5k7uiwakvBSiA0NW85zyNEnxOlCkEXPShEkscva6'
SIGNING_KEY = settings.SIGNING_KEY
def sign(data, key=None):
    key = key or SIGNING_KEY
    return hmac.new(key, data, hashlib.sha256).hexdigest()
