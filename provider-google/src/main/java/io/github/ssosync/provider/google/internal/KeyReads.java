package io.github.ssosync.provider.google.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.directory.DirectoryGroup;
import io.github.ssosync.directory.DirectoryUser;
import io.github.ssosync.provider.DaemonThreads;
import io.github.ssosync.provider.ReadCounter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Users and groups read by key for an incremental read: one {@code users.get} or {@code groups.get}
 * per key a change feed named, in parallel at the API's rate. users.get and groups.get accept "the
 * user's primary email address, alias email address, or unique user ID" (and likewise the group's:
 * Directory API reference), so a key may be any of them. A user is read with the same fields and
 * projection as the lists of the same read ({@link UserRead}), so that it equals what users.list
 * returns. 404 means the key names nothing now; any other failure after retries throws, so that an
 * incremental read is never partial.
 */
final class KeyReads {
  private static final String GROUP_FIELDS = "id,email,name,description";

  private final DirectoryApi api;
  private final int concurrency;
  private final ReadCounter counter;

  KeyReads(DirectoryApi api, int concurrency, ReadCounter counter) {
    this.api = api;
    this.concurrency = concurrency;
    this.counter = counter;
  }

  Map<String, DirectoryUser> users(Set<String> keys, UserRead userRead, ReadState state) {
    Map<String, DirectoryUser> found =
        each(
            keys,
            key -> {
              DirectoryUser u =
                  ModelMapping.user(
                      api.call(
                          "users.get",
                          "users.get " + key + userRead.describe(),
                          () -> userRead.apply(api.directory().users().get(key)).execute()));
              state.ours(u.primaryEmail());
              return u;
            });
    counter.users(found.size());
    return found;
  }

  Map<String, DirectoryGroup> groups(Set<String> keys, ReadState state) {
    Map<String, DirectoryGroup> found =
        each(
            keys,
            key -> {
              DirectoryGroup g =
                  ModelMapping.group(
                      api.call(
                          "groups.get",
                          "groups.get " + key,
                          () ->
                              api.directory().groups().get(key).setFields(GROUP_FIELDS).execute()));
              state.ours(g.email());
              return g;
            });
    counter.groups(found.size());
    return found;
  }

  /** Reads each key in parallel; 404 leaves it out, anything else fails the whole read. */
  private <T> Map<String, T> each(Set<String> keys, Function<String, T> read) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, T> found = new ConcurrentHashMap<>();
    ExecutorService pool = DaemonThreads.fixedPool(concurrency, "ssosync-google-keys");
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (String key : keys) {
        futures.add(
            pool.submit(
                () -> {
                  T t = orAbsent(key, read);
                  if (t != null) {
                    found.put(key, t);
                  }
                }));
      }
      for (Future<?> f : futures) {
        DirectoryReader.await(f);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, T> ordered = new LinkedHashMap<>();
    for (String key : keys) {
      T t = found.get(key);
      if (t != null) {
        ordered.put(key, t);
      }
    }
    return ordered;
  }

  private static <T> @Nullable T orAbsent(String key, Function<String, T> read) {
    try {
      return read.apply(key);
    } catch (ProviderException e) {
      if (e.reason() == Reason.NOT_FOUND) {
        return null; // deleted, or never one: the key names nothing now
      }
      throw e;
    }
  }
}
