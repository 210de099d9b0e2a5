package io.github.ssosync.provider.google.internal;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Key;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Reports API's {@code activities.list}, on the Google API client's own HTTP and JSON stack
 * (the same transport, credentials adapter, JSON parser and {@link GoogleJsonResponseException} the
 * generated clients use). Why not the generated {@code google-api-services-admin-reports}: the only
 * version the Maven repository this project builds from serves is {@code reports_v1-rev83-1.25.0},
 * whose service class refuses to load with google-api-client 2.x ("You need at least version 1.15
 * of google-api-client", a major-version check), and pinning it in the BOM would downgrade an
 * embedder's newer copy. The model below is the part of the Activities resource the feed reads
 * (activities.list reference, "Response body"; Activity resource).
 *
 * @param requests the request factory, with credentials and timeouts
 * @param rootUrl the API root, such as {@code https://admin.googleapis.com/}
 */
public record ReportsApi(HttpRequestFactory requests, String rootUrl) {
  private static final GsonFactory JSON = GsonFactory.getDefaultInstance();

  /** A page of activities. */
  public static final class Page extends GenericJson {
    /** The activities, newest first; absent when none. */
    @Key public @Nullable List<Item> items;

    /** The next page's token; absent on the last page. */
    @Key public @Nullable String nextPageToken;
  }

  /** One activity. */
  public static final class Item extends GenericJson {
    /** Its id. */
    @Key public @Nullable Id id;

    /** Its events. */
    @Key public @Nullable List<Event> events;
  }

  /** An activity's id. */
  public static final class Id extends GenericJson {
    /** When it happened, RFC 3339. */
    @Key public @Nullable String time;

    /** The application. */
    @Key public @Nullable String applicationName;
  }

  /** One event of an activity. */
  public static final class Event extends GenericJson {
    /** Its type, such as {@code USER_SETTINGS}. */
    @Key public @Nullable String type;

    /** Its name, such as {@code CREATE_USER}. */
    @Key public @Nullable String name;

    /** Its parameters. */
    @Key public @Nullable List<Parameter> parameters;
  }

  /** A string parameter (the feed reads only string values). */
  public static final class Parameter extends GenericJson {
    /** Its name, such as {@code USER_EMAIL}. */
    @Key public @Nullable String name;

    /** Its value. */
    @Key public @Nullable String value;
  }

  /**
   * One page of {@code GET admin/reports/v1/activity/users/all/applications/{application}}.
   *
   * @param application {@code admin}, {@code groups_enterprise}, ...
   * @param startTime RFC 3339
   * @param endTime RFC 3339
   * @param maxResults the page size
   * @param pageToken the token of the page, or null for the first
   * @param customerId the customer, or null for the admin's own
   * @return the page
   * @throws IOException as the Google client throws ({@link GoogleJsonResponseException} for an
   *     error response)
   */
  public Page list(
      String application,
      String startTime,
      String endTime,
      int maxResults,
      @Nullable String pageToken,
      @Nullable String customerId)
      throws IOException {
    GenericUrl url =
        new GenericUrl(rootUrl + "admin/reports/v1/activity/users/all/applications/" + application);
    url.set("startTime", startTime);
    url.set("endTime", endTime);
    url.set("maxResults", maxResults);
    if (pageToken != null) {
      url.set("pageToken", pageToken);
    }
    if (customerId != null) {
      url.set("customerId", customerId);
    }
    HttpRequest request = requests.buildGetRequest(url);
    request.setParser(new JsonObjectParser(JSON));
    request.setThrowExceptionOnExecuteError(false);
    HttpResponse response = request.execute();
    if (!response.isSuccessStatusCode()) {
      throw GoogleJsonResponseException.from(JSON, response);
    }
    return response.parseAs(Page.class);
  }
}
