package io.github.ssosync.emulators.loopback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * The base of every emulator: an HTTP server on 127.0.0.1 and a free port, which counts calls by
 * operation, applies {@link Faults} (latency, throttling, errors, resets), and hands every other
 * request to the emulator. Start it in one line, stop it with {@link #close()}.
 */
public abstract class LoopbackServer implements AutoCloseable {
  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on,
    // the body waits for the client's delayed ACK of the headers (about 40 ms on Linux) on every
    // call a client makes one after another. Read once, when the JDK's server first starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Faults faults = new Faults();
  private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
  private @Nullable HttpsServer https;
  private @Nullable SelfSignedTls tls;

  /** Binds to 127.0.0.1 on a free port and starts serving. */
  protected LoopbackServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind an emulator to 127.0.0.1", e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, getClass().getSimpleName());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    server.start();
  }

  /** The server's base URI, such as {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The same server over https, started on first call on another free port of 127.0.0.1 with a
   * certificate made for it ({@link #clientSslContext()} trusts it), for clients that refuse plain
   * http.
   *
   * @return the https base URI, such as {@code https://127.0.0.1:41235}
   */
  public synchronized URI httpsBaseUri() {
    if (https == null) {
      tls = SelfSignedTls.shared();
      try {
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind an emulator to 127.0.0.1", e);
      }
      https.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
      https.setExecutor(executor);
      https.createContext("/", this::dispatch);
      https.start();
    }
    return URI.create("https://127.0.0.1:" + https.getAddress().getPort());
  }

  /** A TLS context that trusts this server's certificate (and nothing else). */
  public synchronized SSLContext clientSslContext() {
    httpsBaseUri();
    return java.util.Objects.requireNonNull(tls).clientContext();
  }

  /**
   * Makes every {@code HttpsURLConnection} of this JVM trust this server's certificate as well as
   * the JVM's certificate authorities: for tests and demos that run a tool which builds its own
   * https clients. Never needed against real services.
   */
  public synchronized void trustInThisJvm() {
    httpsBaseUri();
    JvmTrust.add(java.util.Objects.requireNonNull(tls).certificate());
  }

  /** The faults, latency and quota applied to requests. */
  public Faults faults() {
    return faults;
  }

  /** Calls served so far (including failed ones), by operation. */
  public Map<String, Long> calls() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * @param operation an operation name
   * @return how many calls of it were served
   */
  public long calls(String operation) {
    LongAdder n = calls.get(operation);
    return n == null ? 0 : n.sum();
  }

  /** Total calls served. */
  public long totalCalls() {
    return calls.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Forgets the call counts. */
  public void resetCalls() {
    calls.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    synchronized (this) {
      if (https != null) {
        https.stop(0);
      }
    }
    executor.shutdownNow();
  }

  /**
   * Names the operation a request is, for counting and faults.
   *
   * @param exchange the request
   * @param body the request body, already read
   * @return the operation name
   */
  protected abstract String operationOf(HttpExchange exchange, byte[] body);

  /**
   * Serves a request that no fault intercepted.
   *
   * @param exchange the request
   * @param operation the operation name
   * @param body the request body
   * @throws IOException when writing fails
   */
  protected abstract void serve(HttpExchange exchange, String operation, byte[] body)
      throws IOException;

  /**
   * Writes an injected fault in the API's own error form.
   *
   * @param exchange the request
   * @param operation the operation name
   * @param fault the fault to render (never RESET, TRUNCATED or SLOW, which the base handles)
   * @throws IOException when writing fails
   */
  protected abstract void writeFault(HttpExchange exchange, String operation, FaultKind fault)
      throws IOException;

  /**
   * Sends a response with a body.
   *
   * @param exchange the request
   * @param status the HTTP status
   * @param contentType the content type
   * @param body the body
   * @param headers extra headers
   * @throws IOException when writing fails
   */
  protected static void send(
      HttpExchange exchange,
      int status,
      String contentType,
      String body,
      Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (bytes.length == 0) {
      exchange.sendResponseHeaders(status, -1);
    } else {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String operation = operationOf(exchange, body);
      calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
      Duration latency = faults.latency();
      if (!latency.isZero()) {
        sleep(latency);
      }
      Optional<FaultKind> fault = faults.decide(operation);
      if (fault.isPresent()) {
        switch (fault.get()) {
          case RESET -> {
            // Closing without a response makes the client see the connection drop.
            exchange.getResponseBody().close();
            exchange.close();
            return;
          }
          case TRUNCATED, STALLED -> {
            serve(
                new TruncatingExchange(exchange, fault.get() == FaultKind.STALLED),
                operation,
                body);
            return;
          }
          case SLOW -> {
            sleep(faults.slowDelay());
            serve(exchange, operation, body);
            return;
          }
          default -> {
            writeFault(exchange, operation, fault.get());
            return;
          }
        }
      }
      serve(exchange, operation, body);
    } catch (RuntimeException e) {
      send(exchange, 500, "text/plain", "emulator bug: " + e, Map.of());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
