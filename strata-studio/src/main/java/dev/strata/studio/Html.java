package dev.strata.studio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The studio's small template approach: HTML written by code, every piece of text escaped on its
 * way in ({@link #text}), so that nothing from the database or the schema is ever markup.
 */
final class Html {
  private final StringBuilder out = new StringBuilder();

  /** Escapes {@code s} for element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code s} encoded for a URL's query or path segment. */
  static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query string from name/value pairs (repeated names allowed), with a leading {@code ?} when not empty. */
  static String query(List<Map.Entry<String, String>> params) {
    if (params.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("?");
    for (Map.Entry<String, String> p : params) {
      if (b.length() > 1) {
        b.append('&');
      }
      b.append(url(p.getKey())).append('=').append(url(p.getValue()));
    }
    return b.toString();
  }

  /** Markup written by the studio itself (never data). */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** Text, escaped. */
  Html text(String text) {
    out.append(esc(text));
    return this;
  }

  /** {@code <tag attrs>text</tag>} with the text escaped; {@code attrs} is studio markup. */
  Html el(String tag, String attrs, String text) {
    out.append('<').append(tag).append(attrs.isEmpty() ? "" : " " + attrs).append('>').append(esc(text)).append("</").append(tag).append('>');
    return this;
  }

  /** A link; {@code href} is escaped as an attribute. */
  Html link(String href, String text) {
    return raw("<a href=\"" + esc(href) + "\">").text(text).raw("</a>");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
