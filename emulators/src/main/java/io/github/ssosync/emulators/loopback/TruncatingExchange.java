package io.github.ssosync.emulators.loopback;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An exchange whose response is cut off: the status line and headers go out with the full length,
 * then only half of the body; then the connection is closed (a reset part-way through a response)
 * or, when stalling, left open with nothing more to come. A response without a body is dropped
 * entirely.
 */
final class TruncatingExchange extends HttpExchange {
  private final HttpExchange delegate;
  private final boolean stall;
  private long allowed = -1;
  private boolean headersSuppressed;

  TruncatingExchange(HttpExchange delegate, boolean stall) {
    this.delegate = delegate;
    this.stall = stall;
  }

  @Override
  public void sendResponseHeaders(int code, long length) throws IOException {
    if (length <= 0) {
      // Nothing to cut in half: drop the whole response instead.
      headersSuppressed = true;
      return;
    }
    allowed = length / 2;
    delegate.sendResponseHeaders(code, length);
  }

  @Override
  public OutputStream getResponseBody() {
    OutputStream body = delegate.getResponseBody();
    return new FilterOutputStream(body) {
      @Override
      public void write(int b) throws IOException {
        if (allowed > 0) {
          allowed--;
          out.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        int n = (int) Math.max(0, Math.min(len, allowed));
        if (n > 0) {
          allowed -= n;
          out.write(b, off, n);
          out.flush();
        }
      }

      @Override
      public void close() {
        TruncatingExchange.this.close();
      }
    };
  }

  @Override
  public void close() {
    if (stall && !headersSuppressed) {
      try {
        // Closing the body stream first, with bytes still owed, leaves the connection open and
        // the client waiting for the rest.
        delegate.getResponseBody().close();
      } catch (IOException expected) {
        // "insufficient bytes written to stream"
      }
    }
    // Closing the exchange itself with bytes still owed, or with no headers sent, drops the
    // connection.
    delegate.close();
  }

  @Override
  public Headers getRequestHeaders() {
    return delegate.getRequestHeaders();
  }

  @Override
  public Headers getResponseHeaders() {
    return delegate.getResponseHeaders();
  }

  @Override
  public URI getRequestURI() {
    return delegate.getRequestURI();
  }

  @Override
  public String getRequestMethod() {
    return delegate.getRequestMethod();
  }

  @Override
  public HttpContext getHttpContext() {
    return delegate.getHttpContext();
  }

  @Override
  public InputStream getRequestBody() {
    return delegate.getRequestBody();
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return delegate.getRemoteAddress();
  }

  @Override
  public int getResponseCode() {
    return delegate.getResponseCode();
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public String getProtocol() {
    return delegate.getProtocol();
  }

  @Override
  public Object getAttribute(String name) {
    return delegate.getAttribute(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    delegate.setAttribute(name, value);
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    delegate.setStreams(i, o);
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return delegate.getPrincipal();
  }
}
