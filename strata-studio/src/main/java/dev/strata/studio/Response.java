package dev.strata.studio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a page answers: status, type, body, and a redirect or download name when there is one; or,
 * for a page that shows a long operation as it runs (a backup, a verification, a restore), a
 * stream: the page is sent as it is written, so each progress line reaches the browser at once.
 */
record Response(int status, String contentType, byte[] body, Optional<String> location, Optional<String> download,
    Optional<Streamed> stream) {

  /** Writes a page's HTML piece by piece; {@link Out#flush} sends what was written so far. */
  interface Streamed {
    void write(Out out) throws IOException;
  }

  /** Where a streamed page goes. */
  interface Out {
    void write(String html) throws IOException;

    void flush() throws IOException;
  }

  static Response html(int status, String html) {
    return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  static Response ok(String html) {
    return html(200, html);
  }

  static Response streamed(Streamed stream) {
    return new Response(200, "text/html; charset=utf-8", new byte[0], Optional.empty(), Optional.empty(), Optional.of(stream));
  }

  static Response redirect(String location) {
    return new Response(303, "text/plain; charset=utf-8", new byte[0], Optional.of(location), Optional.empty(), Optional.empty());
  }

  static Response file(String contentType, byte[] body, String name) {
    return new Response(200, contentType, body, Optional.empty(), Optional.ofNullable(name), Optional.empty());
  }
}
