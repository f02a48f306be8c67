"""Field encryption and keyed hashes: the ID number is never readable from a database dump."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from gigmarket import crypto

ID = "11010519491231002X"


def test_round_trip_and_ciphertext_does_not_contain_the_plaintext():
    token = crypto.encrypt(ID)
    assert ID not in token
    assert crypto.decrypt(token) == ID


def test_same_plaintext_encrypts_differently_each_time():
    assert crypto.encrypt(ID) != crypto.encrypt(ID)


def test_empty_stays_empty():
    assert crypto.encrypt("") == "" and crypto.decrypt("") == "" and crypto.lookup_hash("") == ""


def test_a_different_key_cannot_decrypt(settings):
    token = crypto.encrypt(ID)
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    with pytest.raises(crypto.InvalidToken):
        crypto.decrypt(token)


def test_rotation_old_key_still_decrypts(settings):
    settings.FIELD_ENCRYPTION_KEY = "old-key"
    token = crypto.encrypt(ID)
    settings.FIELD_ENCRYPTION_KEY = "new-key,old-key"
    assert crypto.decrypt(token) == ID


def test_lookup_hash_is_stable_keyed_and_not_a_plain_digest(settings):
    import hashlib

    first = crypto.lookup_hash(ID)
    assert first == crypto.lookup_hash(ID)
    assert first != hashlib.sha256(ID.encode()).hexdigest()
    assert len(first) == 64
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    assert crypto.lookup_hash(ID) != first


def test_empty_key_falls_back_to_secret_key_outside_production(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    assert crypto.decrypt(crypto.encrypt(ID)) == ID


def test_empty_key_in_production_is_an_error(settings):
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.SETTINGS_MODULE = "gigmarket.settings.production"
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt(ID)
