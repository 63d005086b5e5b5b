package dev.strata.studio;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What a page answers: status, type, body, and a redirect or download name when there is one. */
record Response(int status, String contentType, byte[] body, Optional<String> location, Optional<String> download) {
  static Response html(int status, String html) {
    return new Response(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Optional.empty(), Optional.empty());
  }

  static Response ok(String html) {
    return html(200, html);
  }

  static Response redirect(String location) {
    return new Response(303, "text/plain; charset=utf-8", new byte[0], Optional.of(location), Optional.empty());
  }

  static Response file(String contentType, byte[] body, String name) {
    return new Response(200, contentType, body, Optional.empty(), Optional.ofNullable(name));
  }
}
