package io.github.ssosync.provider;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts API calls by {@code family.operation}, from any thread. */
public final class CallCounter {
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * @param operation the call, such as {@code identitystore.ListUsers}
   */
  public void increment(String operation) {
    counts.computeIfAbsent(operation, k -> new LongAdder()).increment();
  }

  /** A sorted snapshot of the counts. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
