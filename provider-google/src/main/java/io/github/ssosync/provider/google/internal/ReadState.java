package io.github.ssosync.provider.google.internal;

import io.github.ssosync.ProviderException;
import io.github.ssosync.directory.DirectoryWarning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** What one read learns on the way: which domains are ours, and what it skipped. */
final class ReadState {
  final Set<String> domains = ConcurrentHashMap.newKeySet();
  final List<DirectoryWarning> warnings = Collections.synchronizedList(new ArrayList<>());

  /**
   * @param ownDomains domains known to be ours before the read (lower case)
   */
  ReadState(Set<String> ownDomains) {
    domains.addAll(ownDomains);
  }

  /** A user or group a list of ours returned: its domain is ours. */
  void ours(String email) {
    domains.add(ModelMapping.domainOf(email));
  }

  /**
   * A 403 forbidden about an object whose email is at a domain that is not ours: another
   * organisation's. At one of our domains the same 403 is a privilege the admin lacks.
   */
  boolean foreign(ProviderException e, @Nullable String email) {
    return GoogleErrors.notAuthorized(e) && foreign(email);
  }

  /** An email at a domain that is not ours. */
  boolean foreign(@Nullable String email) {
    return email != null
        && email.indexOf('@') > 0
        && !domains.contains(ModelMapping.domainOf(email));
  }
}
