package io.github.ssosync.provider.google.internal;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import io.github.ssosync.ProviderException;
import io.github.ssosync.ProviderException.Reason;
import io.github.ssosync.provider.RetryAfter;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Translates the Google client's exceptions into {@link ProviderException}s. The Java client
 * retries none of 403 quota errors, 429 or 5xx, so the reason decides whether {@link
 * io.github.ssosync.provider.ApiFamily} tries again.
 */
public final class GoogleErrors {
  private GoogleErrors() {}

  /**
   * @param what the call, such as {@code users.list query 'email:aws-*'}
   * @param e what the client threw
   * @return the translated exception
   */
  public static ProviderException translate(String what, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof AuthRefusal refusal) {
        return new ProviderException(refusal.reason(), what + ": " + refusal.getMessage());
      }
    }
    String message = String.valueOf(e.getMessage());
    // The auth library wraps the token endpoint's answer; its body says why.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpResponseException h && h.getContent() != null) {
        message = message + " " + h.getContent();
      }
    }
    // Token endpoint refusals come first: they arrive as 4xx responses too, but mean a setup
    // problem in the Admin console, not a bad request.
    if (message.contains("unauthorized_client")) {
      return new ProviderException(
          Reason.PERMISSION_DENIED,
          what
              + ": Google refused domain-wide delegation (unauthorized_client). In the Admin"
              + " console, authorise the service account's client id for "
              + scopesOf(what)
              + ", and check that the delegated admin exists and is an administrator");
    }
    if (message.contains("Error getting access token")
        && message.matches("(?s).*\\b4\\d\\d\\b.*")) {
      // The auth library does not pass the token endpoint's body on; a 4xx there means the
      // account may not act as the admin, or the key is no longer valid.
      return new ProviderException(
          Reason.PERMISSION_DENIED,
          what
              + ": Google refused an access token for the service account ("
              + firstLine(message).replace("Error getting access token for service account: ", "")
              + "). Check domain-wide delegation in the Admin console (the service account's client"
              + " id with "
              + scopesOf(what)
              + "), that the delegated admin exists, and"
              + " that the key has not been deleted");
    }
    if (e instanceof GoogleJsonResponseException g) {
      return fromStatus(
          what, g.getStatusCode(), reasonOf(g.getDetails()), messageOf(g), retryAfter(g));
    }
    if (e instanceof HttpResponseException h) {
      return fromStatus(what, h.getStatusCode(), null, h.getStatusMessage(), retryAfter(h));
    }
    return new ProviderException(
        Reason.UNAVAILABLE,
        what + ": " + e.getClass().getSimpleName() + ": " + firstLine(message),
        e);
  }

  /**
   * The scopes a call needs, as the Admin console's domain-wide delegation lists them: the Reports
   * API's change feed ({@code activities.list}) has its own.
   */
  private static String scopesOf(String what) {
    return what.startsWith("activities.list")
        ? "the Reports scope https://www.googleapis.com/auth/admin.reports.audit.readonly (which"
            + " the change feed of incremental runs needs)"
        : "the read-only directory scopes";
  }

  private static ProviderException fromStatus(
      String what,
      int status,
      @Nullable String reason,
      String message,
      @Nullable Duration retryAfter) {
    String text = what + ": HTTP " + status + (reason == null ? "" : " " + reason) + ": " + message;
    Reason r;
    if (status == 429
        || (status == 403
            && reason != null
            && (reason.equals("userRateLimitExceeded")
                || reason.equals("rateLimitExceeded")
                || reason.equals("quotaExceeded")))) {
      r = Reason.THROTTLED;
    } else if (status >= 500) {
      r = Reason.UNAVAILABLE;
    } else if (status == 401) {
      r = Reason.UNAUTHENTICATED;
    } else if (status == 403) {
      r = Reason.PERMISSION_DENIED;
    } else if (status == 404) {
      r = Reason.NOT_FOUND;
    } else if (status == 400) {
      r = Reason.INVALID;
    } else {
      r = Reason.UNKNOWN;
    }
    Throwable cause = retryAfter == null ? null : new RetryAfter(retryAfter);
    if (status == 403 && "forbidden".equals(reason)) {
      cause = new NotAuthorized();
    }
    return new ProviderException(r, text, cause);
  }

  /**
   * Whether Google answered 403 {@code forbidden}, "Not Authorized to access this resource/api":
   * what {@code users.get}, {@code groups.get} and {@code members.list} answer for a user or group
   * of another organisation (slashdevops/idp-scim-sync#49), and also what an admin without the
   * privilege meets (hlavki/g-suite-identity-sync#28). The caller decides which it is.
   *
   * @param e a translated failure
   * @return whether it was such a 403
   */
  public static boolean notAuthorized(ProviderException e) {
    return e.getCause() instanceof NotAuthorized;
  }

  /** Marks a 403 {@code forbidden}; carries no message of its own. */
  private static final class NotAuthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotAuthorized() {
      super("403 forbidden", null, false, false);
    }
  }

  private static @Nullable String reasonOf(@Nullable GoogleJsonError details) {
    if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
      return null;
    }
    return details.getErrors().get(0).getReason();
  }

  private static String messageOf(GoogleJsonResponseException e) {
    GoogleJsonError details = e.getDetails();
    return details != null && details.getMessage() != null
        ? details.getMessage()
        : e.getStatusMessage();
  }

  private static @Nullable Duration retryAfter(HttpResponseException e) {
    Object value = e.getHeaders() == null ? null : e.getHeaders().get("retry-after");
    if (value instanceof Iterable<?> list) {
      for (Object v : list) {
        return RetryAfter.parse(String.valueOf(v));
      }
      return null;
    }
    return value == null ? null : RetryAfter.parse(String.valueOf(value));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /**
   * @param s a Google enum value
   * @return it upper-cased, for {@code valueOf}
   */
  public static String upper(@Nullable String s) {
    return s == null ? "" : s.toUpperCase(Locale.ROOT);
  }
}
