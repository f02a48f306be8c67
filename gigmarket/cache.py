"""The shared cache's Redis backend: Django's own, with one client object per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every cache call
(it shares the connection pool, but the object's ``__init__`` rebuilds its table of about 160
response callbacks each time). On the public pages, which make two to five cache calls per
request, that was about a tenth of the Python time of a cached page (issue 14). A ``redis.Redis``
object is safe to share between threads (each command takes its own connection from the pool),
so one per pool is kept. Nothing else differs from Django's backend; production settings select
it in place of ``django.core.cache.backends.redis.RedisCache``.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
