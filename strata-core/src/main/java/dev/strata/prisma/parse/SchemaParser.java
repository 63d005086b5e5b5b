package dev.strata.prisma.parse;

import dev.strata.diag.Diagnostic;
import dev.strata.diag.Diagnostics;
import dev.strata.diag.EditDistance;
import dev.strata.diag.SourceFile;
import dev.strata.diag.Span;
import dev.strata.prisma.ast.Argument;
import dev.strata.prisma.ast.ArgumentList;
import dev.strata.prisma.ast.ArrayExpression;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlankLine;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.Comment;
import dev.strata.prisma.ast.ConfigBlock;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.ConstantValue;
import dev.strata.prisma.ast.EnumDecl;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.Expression;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.FieldType;
import dev.strata.prisma.ast.FunctionCall;
import dev.strata.prisma.ast.Identifier;
import dev.strata.prisma.ast.InvalidLine;
import dev.strata.prisma.ast.Member;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.NumericLiteral;
import dev.strata.prisma.ast.ObjectExpression;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.StringLiteral;
import dev.strata.prisma.ast.Top;
import dev.strata.prisma.ast.TypeAliasDecl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A single-use recursive-descent parser over the characters of one schema file. Prisma's grammar
 * is line oriented, so recovery is line oriented too: a member line that cannot be read becomes an
 * {@link InvalidLine} with one diagnostic, and parsing resumes on the next line.
 */
final class SchemaParser {
  private static final int EOF = -1;
  /** Deeper nesting than this in one expression is treated as unreadable (it keeps the stack bounded). */
  private static final int MAX_NESTING = 64;

  private static final Set<String> BLOCK_KEYWORDS =
      Set.of("model", "view", "type", "enum", "datasource", "generator");

  static final String MSG_INVALID_TOP_LINE =
      "This line is invalid. It does not start with any known Prisma schema keyword.";
  static final String MSG_BLOCK_WITHOUT_NAME =
      "This block is invalid. It does not start with any known Prisma schema keyword. "
          + "Valid keywords include 'model', 'enum', 'type', 'datasource' and 'generator'.";
  static final String MSG_INVALID_MODEL_LINE = "This line is not a valid field or attribute definition.";
  static final String MSG_INVALID_ENUM_LINE = "This line is not an enum value definition.";
  static final String MSG_FIELD_WITHOUT_TYPE =
      "This field declaration is invalid. It is either missing a name or a type.";
  static final String MSG_OPTIONAL_LIST = "Optional lists are not supported. Use either `Type[]` or `Type?`.";
  static final String MSG_LEGACY_COLON = "Field declarations don't require a `:`.";
  static final String MSG_LEGACY_BANG = "Fields are required by default, `!` is no longer required.";

  /** What kind of members a block holds; decides how its lines are read. */
  private enum BodyKind {
    MODEL,
    ENUM,
    CONFIG
  }

  /** Internal signal that the current line cannot be read; always caught at the line level. */
  private static final class LineFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String detail;

    LineFailure(String detail) {
      super(detail, null, false, false);
      this.detail = detail;
    }
  }

  private final SourceFile source;
  private final String text;
  private final int len;
  /** Where diagnostics go; a block's own, while it is read, in case it is never closed. */
  private Diagnostics diagnostics;
  /**
   * Set when a block runs to the end of the file without its closing brace: as in Prisma, no block
   * can be read from there on, and every remaining line is an invalid top-level line.
   */
  private boolean unclosedToEnd;
  /** Where the block that is never closed starts (when {@link #unclosedToEnd}). */
  private int unclosedStart = -1;
  /** Diagnostics of the line being read; they are dropped when the line turns out unreadable. */
  private final List<Diagnostic> lineDiagnostics = new ArrayList<>();
  private int pos;
  /** Greater than zero inside {@code [..]} or {@code {..}} expressions, where line breaks are allowed. */
  private int multiLineDepth;
  private int nesting;

  SchemaParser(SourceFile source, Diagnostics diagnostics) {
    this.source = source;
    this.text = source.text();
    this.len = text.length();
    this.diagnostics = diagnostics;
  }

  // ---------------------------------------------------------------------------------------------
  // Top level

  PrismaFile parseFile() {
    List<Top> items = new ArrayList<>();
    List<String> pendingDoc = new ArrayList<>();
    if (len > 0 && text.charAt(0) == '\uFEFF') {
      pos = 1;
    }
    while (pos < len) {
      int lineStart = pos;
      skipSpaces();
      if (atEol(pos)) {
        items.add(blankLines(lineStart));
        pendingDoc.clear();
        continue;
      }
      if (startsWith("///")) {
        Comment doc = lineComment(Comment.Kind.DOC);
        items.add(doc);
        pendingDoc.add(doc.docText());
        consumeEol();
        continue;
      }
      if (startsWith("//")) {
        items.add(lineComment(Comment.Kind.LINE));
        consumeEol();
        continue;
      }
      if (startsWith("/*")) {
        items.add(blockComment());
        consumeEolIfOnlySpacesRemain();
        continue;
      }
      if (unclosedToEnd) {
        invalidTopLine(items, ParseCodes.INVALID_TOP_LEVEL_LINE, MSG_INVALID_TOP_LINE,
            lineStart <= unclosedStart ? "this block is never closed: `}` is missing" : "inside a block that is never closed");
      } else {
        topLevelDeclaration(items, lineStart, documentation(pendingDoc));
      }
      pendingDoc.clear();
    }
    return new PrismaFile(source, items);
  }

  /** Reads the declaration that starts at {@code pos} (after indentation) and adds it to {@code items}. */
  private void topLevelDeclaration(List<Top> items, int lineStart, Optional<String> doc) {
    int keywordStart = pos;
    Identifier keyword = readIdentifier();
    if (keyword == null) {
      invalidTopLine(items, ParseCodes.INVALID_TOP_LEVEL_LINE, MSG_INVALID_TOP_LINE, null);
      return;
    }
    if (!BLOCK_KEYWORDS.contains(keyword.name())) {
      skipSpaces();
      Identifier name = readIdentifier();
      skipSpaces();
      if (name != null && peek() == '{') {
        pos = keywordStart;
        String suggestion = closestKeyword(keyword.name());
        InvalidLine header = invalidLineHere();
        Diagnostic d = Diagnostic.error(ParseCodes.UNKNOWN_BLOCK_KEYWORD, MSG_INVALID_TOP_LINE, keyword.span())
            .withLabel("unknown block keyword `" + keyword.name() + "`");
        if (suggestion != null) {
          d = d.withHelp("did you mean `" + suggestion + "`?");
        }
        diagnostics.add(d);
        items.add(header);
        skipBlockBody(items);
        return;
      }
      pos = keywordStart;
      invalidTopLine(items, ParseCodes.INVALID_TOP_LEVEL_LINE, MSG_INVALID_TOP_LINE, null);
      return;
    }
    skipSpaces();
    Identifier name = readIdentifier();
    skipSpaces();
    if (name == null) {
      if (peek() == '{') {
        pos = keywordStart;
        InvalidLine header = invalidLineHere();
        items.add(header);
        int bodyEnd = skipBlockBody(items);
        diagnostics.add(
            Diagnostic.error(ParseCodes.BLOCK_WITHOUT_NAME, MSG_BLOCK_WITHOUT_NAME, span(keywordStart, bodyEnd))
                .withLabel("the " + keyword.name() + " has no name"));
      } else {
        pos = keywordStart;
        boolean opensBlock = lineOpensBlock(keywordStart);
        invalidTopLine(items, ParseCodes.INVALID_TOP_LEVEL_LINE, MSG_INVALID_TOP_LINE, "expected a name after `" + keyword.name() + "`");
        if (opensBlock) {
          skipBlockBody(items);
        }
      }
      return;
    }
    if (keyword.name().equals("type") && peek() == '=') {
      typeAlias(items, keywordStart, name);
      return;
    }
    if (peek() != '{') {
      pos = keywordStart;
      boolean opensBlock = lineOpensBlock(keywordStart);
      invalidTopLine(items, ParseCodes.INVALID_TOP_LEVEL_LINE, MSG_INVALID_TOP_LINE, "expected `{` after the " + keyword.name() + " name");
      if (opensBlock) {
        skipBlockBody(items);
      }
      return;
    }
    pos++;
    Diagnostics outer = diagnostics;
    diagnostics = new Diagnostics();
    Top block;
    try {
      block = switch (keyword.name()) {
        case "model" -> block(BodyKind.MODEL, keyword, name, keywordStart, doc, ModelDecl.Kind.MODEL, null);
        case "view" -> block(BodyKind.MODEL, keyword, name, keywordStart, doc, ModelDecl.Kind.VIEW, null);
        case "type" -> block(BodyKind.MODEL, keyword, name, keywordStart, doc, ModelDecl.Kind.TYPE, null);
        case "enum" -> block(BodyKind.ENUM, keyword, name, keywordStart, doc, null, null);
        case "datasource" -> block(BodyKind.CONFIG, keyword, name, keywordStart, doc, null, ConfigBlock.Kind.DATASOURCE);
        default -> block(BodyKind.CONFIG, keyword, name, keywordStart, doc, null, ConfigBlock.Kind.GENERATOR);
      };
    } finally {
      Diagnostics own = diagnostics;
      diagnostics = outer;
      if (!unclosedToEnd) {
        diagnostics.addAll(own.all());
      }
    }
    if (unclosedToEnd) {
      // Prisma cannot read a block that is never closed: its lines, from the header on, are read
      // again as top-level lines, each of them invalid; what was found inside them is dropped.
      pos = keywordStart;
      unclosedStart = keywordStart;
      return;
    }
    items.add(block);
  }

  /** {@code type Name = Target @attr…}: the legacy alias, kept for the formatter and rejected later. */
  private void typeAlias(List<Top> items, int keywordStart, Identifier name) {
    pos++;
    try {
      skipSpaces();
      if (!isIdentifierStart(peek())) {
        throw new LineFailure("expected a type after `=`");
      }
      FieldType target = parseFieldType();
      List<Attribute> attributes = parseAttributes();
      int end = attributes.isEmpty() ? target.span().end() : attributes.get(attributes.size() - 1).span().end();
      Optional<Comment> trailing = parseTrailingComment();
      expectEndOfLine();
      flushLineDiagnostics();
      items.add(new TypeAliasDecl(name, target, attributes, span(keywordStart, end)));
      trailing.ifPresent(items::add);
    } catch (LineFailure failure) {
      resetAfterFailure();
      pos = keywordStart;
      invalidTopLine(items, ParseCodes.INVALID_TYPE_ALIAS, "This line is not a valid type alias definition.", failure.detail);
    }
  }

  /** Adds the rest of the current line as an {@link InvalidLine} with one diagnostic; moves to the next line. */
  private void invalidTopLine(List<Top> items, String code, String message, String label) {
    InvalidLine line = invalidLineHere();
    Diagnostic d = Diagnostic.error(code, message, line.span());
    diagnostics.add(label == null ? d : d.withLabel(label));
    items.add(line);
  }

  /**
   * After a malformed block header, keeps the block's lines verbatim up to its closing brace (or the
   * next block header in column 0) so that one mistake gives one diagnostic, not one per line.
   * Returns the end offset of the skipped text.
   */
  private int skipBlockBody(List<Top> items) {
    int end = pos;
    while (pos < len) {
      int lineStart = pos;
      if (looksLikeBlockHeader(lineStart)) {
        break;
      }
      skipSpaces();
      if (atEol(pos)) {
        items.add(blankLines(lineStart));
        continue;
      }
      boolean closing = peek() == '}';
      InvalidLine line = invalidLineHere();
      items.add(line);
      end = line.span().end();
      if (closing) {
        break;
      }
    }
    return end;
  }

  // ---------------------------------------------------------------------------------------------
  // Blocks

  private Top block(
      BodyKind kind,
      Identifier keyword,
      Identifier name,
      int keywordStart,
      Optional<String> doc,
      ModelDecl.Kind modelKind,
      ConfigBlock.Kind configKind) {
    List<Member> members = new ArrayList<>();
    List<ConfigProperty> emptyProperties = new ArrayList<>();
    List<String> pendingDoc = new ArrayList<>();
    int end = -1;
    // The rest of the header line: usually nothing, sometimes a comment.
    skipSpaces();
    if (atEol(pos)) {
      consumeEol();
    }
    while (pos < len) {
      int lineStart = pos;
      // A block header inside the block (its closing brace forgotten) is no resync point: as in
      // Prisma, it is an invalid member line and the block runs on to the next closing brace.
      skipSpaces();
      if (atEol(pos)) {
        BlankLine blank = blankLines(lineStart);
        members.add(blank);
        pendingDoc.clear();
        continue;
      }
      if (peek() == '}') {
        pos++;
        end = pos;
        consumeEolIfOnlySpacesRemain();
        break;
      }
      if (startsWith("///")) {
        Comment comment = lineComment(Comment.Kind.DOC);
        members.add(comment);
        pendingDoc.add(comment.docText());
        consumeEol();
        continue;
      }
      if (startsWith("//")) {
        members.add(lineComment(Comment.Kind.LINE));
        consumeEol();
        continue;
      }
      if (startsWith("/*")) {
        members.add(blockComment());
        consumeEolIfOnlySpacesRemain();
        continue;
      }
      Member member = memberLine(kind, keyword.name(), documentation(pendingDoc));
      pendingDoc.clear();
      members.add(member);
      if (member instanceof InvalidLine invalid && closesBlock(invalid.text())) {
        // `model A { id Int @id }` or `  a Int }`: the brace on the broken line still ends the block,
        // so the mistake costs one diagnostic instead of an extra "unclosed block".
        end = invalid.span().end();
        break;
      }
      if (member instanceof ConfigProperty property && property.value().isEmpty()) {
        emptyProperties.add(property);
      }
    }
    if (end < 0) {
      unclosedToEnd = true;
      return null;
    }
    Span blockSpan = span(keywordStart, end);
    for (ConfigProperty property : emptyProperties) {
      // Prisma reports this against the whole block, so the caret line is the block header.
      diagnostics.add(
          Diagnostic.error(
                  ParseCodes.PROPERTY_WITHOUT_VALUE,
                  "Property " + property.key().name() + " in " + keyword.name() + " " + name.name()
                      + " needs to be assigned a value",
                  blockSpan)
              .withLabel("`" + property.key().name() + " =` has no value"));
    }
    return switch (kind) {
      case MODEL -> new ModelDecl(modelKind, name, members, doc, blockSpan);
      case ENUM -> new EnumDecl(name, members, doc, blockSpan);
      case CONFIG -> new ConfigBlock(configKind, name, members, doc, blockSpan);
    };
  }

  /** Reads one member line; an unreadable line becomes an {@link InvalidLine} with one diagnostic. */
  private Member memberLine(BodyKind kind, String keyword, Optional<String> doc) {
    int start = pos;
    lineDiagnostics.clear();
    try {
      Member member;
      if (startsWith("@@") && kind != BodyKind.CONFIG) {
        member = blockAttributeLine();
      } else {
        member = switch (kind) {
          case MODEL -> fieldLine(doc);
          case ENUM -> enumValueLine(doc);
          case CONFIG -> propertyLine();
        };
      }
      flushLineDiagnostics();
      return member;
    } catch (LineFailure failure) {
      resetAfterFailure();
      pos = start;
      InvalidLine line = invalidLineHere();
      String code;
      String message;
      switch (kind) {
        case MODEL -> {
          code = ParseCodes.INVALID_MODEL_LINE;
          message = MSG_INVALID_MODEL_LINE;
        }
        case ENUM -> {
          code = ParseCodes.INVALID_ENUM_LINE;
          message = MSG_INVALID_ENUM_LINE;
        }
        default -> {
          code = ParseCodes.INVALID_CONFIG_LINE;
          message = "This line is not a valid definition within a " + keyword + ".";
        }
      }
      diagnostics.add(Diagnostic.error(code, message, line.span()).withLabel(failure.detail));
      return line;
    }
  }

  private BlockAttribute blockAttributeLine() {
    Attribute attribute = parseAttribute(true);
    Optional<Comment> trailing = parseTrailingComment();
    expectEndOfLine();
    return new BlockAttribute(attribute, trailing, attribute.span());
  }

  private FieldDecl fieldLine(Optional<String> doc) {
    int start = pos;
    Identifier name = readIdentifier();
    if (name == null) {
      throw new LineFailure(unexpectedHere("a field name"));
    }
    skipSpaces();
    if (peek() == ':') {
      lineDiagnostics.add(Diagnostic.error(ParseCodes.LEGACY_COLON, MSG_LEGACY_COLON, span(pos, pos + 1)));
      pos++;
      skipSpaces();
    }
    Optional<FieldType> type = Optional.empty();
    if (isIdentifierStart(peek())) {
      type = Optional.of(parseFieldType());
    } else if (!(atEol(pos) || peek() == '@' || startsWith("//") || startsWith("/*"))) {
      throw new LineFailure(unexpectedHere("a field type"));
    }
    List<Attribute> attributes = parseAttributes();
    int end = type.map(t -> t.span().end()).orElse(name.span().end());
    if (!attributes.isEmpty()) {
      end = attributes.get(attributes.size() - 1).span().end();
    }
    Optional<Comment> trailing = parseTrailingComment();
    expectEndOfLine();
    if (type.isEmpty()) {
      lineDiagnostics.add(
          Diagnostic.error(ParseCodes.FIELD_WITHOUT_TYPE, MSG_FIELD_WITHOUT_TYPE, span(start, end))
              .withLabel("`" + name.name() + "` has no type"));
    }
    return new FieldDecl(name, type, attributes, trailing, withTrailingDoc(doc, trailing), span(start, end));
  }

  private EnumValueDecl enumValueLine(Optional<String> doc) {
    int start = pos;
    Identifier name = readIdentifier();
    if (name == null) {
      throw new LineFailure(unexpectedHere("an enum value name"));
    }
    List<Attribute> attributes = parseAttributes();
    int end = attributes.isEmpty() ? name.span().end() : attributes.get(attributes.size() - 1).span().end();
    Optional<Comment> trailing = parseTrailingComment();
    expectEndOfLine();
    return new EnumValueDecl(name, attributes, trailing, withTrailingDoc(doc, trailing), span(start, end));
  }

  private ConfigProperty propertyLine() {
    int start = pos;
    Identifier key = readIdentifier();
    if (key == null) {
      throw new LineFailure(unexpectedHere("a property name"));
    }
    skipSpaces();
    if (peek() != '=') {
      throw new LineFailure(unexpectedHere("`=` after the property name"));
    }
    pos++;
    int end = pos;
    skipSpaces();
    Optional<Expression> value = Optional.empty();
    if (!(atEol(pos) || startsWith("//") || startsWith("/*"))) {
      Expression expression = parseExpression();
      value = Optional.of(expression);
      end = expression.span().end();
    }
    Optional<Comment> trailing = parseTrailingComment();
    expectEndOfLine();
    return new ConfigProperty(key, value, trailing, span(start, end));
  }

  // ---------------------------------------------------------------------------------------------
  // Types and attributes

  private FieldType parseFieldType() {
    int start = pos;
    Identifier name = readIdentifier();
    if (name == null) {
      throw new LineFailure(unexpectedHere("a type"));
    }
    Optional<StringLiteral> unsupported = Optional.empty();
    if (name.name().equals("Unsupported") && peek() == '(') {
      pos++;
      skipSpaces();
      if (peek() != '"') {
        throw new LineFailure(unexpectedHere("a string in `Unsupported(…)`"));
      }
      unsupported = Optional.of(parseString());
      skipSpaces();
      expect(')');
    }
    FieldType.Arity arity = FieldType.Arity.REQUIRED;
    if (peek() == '[') {
      pos++;
      expect(']');
      arity = FieldType.Arity.LIST;
      if (peek() == '?') {
        pos++;
        arity = FieldType.Arity.OPTIONAL_LIST;
        lineDiagnostics.add(Diagnostic.error(ParseCodes.OPTIONAL_LIST, MSG_OPTIONAL_LIST, span(start, pos)));
      }
    } else if (peek() == '?') {
      pos++;
      arity = FieldType.Arity.OPTIONAL;
    } else if (peek() == '!') {
      lineDiagnostics.add(Diagnostic.error(ParseCodes.LEGACY_REQUIRED_MARKER, MSG_LEGACY_BANG, span(pos, pos + 1)));
      pos++;
    }
    return new FieldType(name, arity, unsupported, span(start, pos));
  }

  private List<Attribute> parseAttributes() {
    List<Attribute> attributes = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (peek() == '@' && peekAt(pos + 1) != '@') {
        attributes.add(parseAttribute(false));
      } else {
        return attributes;
      }
    }
  }

  private Attribute parseAttribute(boolean block) {
    int start = pos;
    pos += block ? 2 : 1;
    Identifier name = readPath();
    if (name == null) {
      throw new LineFailure(unexpectedHere("an attribute name after `" + (block ? "@@" : "@") + "`"));
    }
    Optional<ArgumentList> arguments = Optional.empty();
    int save = pos;
    skipSpaces();
    if (peek() == '(') {
      arguments = Optional.of(parseArgumentList());
    } else {
      pos = save;
    }
    return new Attribute(name, arguments, span(start, pos));
  }

  private ArgumentList parseArgumentList() {
    int start = pos;
    pos++;
    enterNesting();
    List<Argument> arguments = new ArrayList<>();
    boolean trailingComma = false;
    skipWhitespace();
    if (peek() == ')') {
      pos++;
      nesting--;
      return new ArgumentList(arguments, false, span(start, pos));
    }
    while (true) {
      skipWhitespace();
      int argumentStart = pos;
      Optional<Identifier> argumentName = Optional.empty();
      int colonEnd = pos;
      if (isIdentifierStart(peek())) {
        Identifier candidate = readIdentifier();
        skipWhitespace();
        if (peek() == ':') {
          pos++;
          colonEnd = pos;
          argumentName = Optional.of(candidate);
        } else {
          pos = argumentStart;
        }
      }
      skipWhitespace();
      Optional<Expression> value = Optional.empty();
      int argumentEnd;
      if (argumentName.isPresent() && (peek() == ',' || peek() == ')')) {
        argumentEnd = colonEnd;
      } else {
        Expression expression = parseExpression();
        value = Optional.of(expression);
        argumentEnd = expression.span().end();
      }
      arguments.add(new Argument(argumentName, value, span(argumentStart, argumentEnd)));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
        skipWhitespace();
        if (peek() == ')') {
          pos++;
          trailingComma = true;
          break;
        }
      } else if (peek() == ')') {
        pos++;
        break;
      } else {
        throw new LineFailure(unexpectedHere("`,` or `)`"));
      }
    }
    nesting--;
    return new ArgumentList(arguments, trailingComma, span(start, pos));
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  private Expression parseExpression() {
    int c = peek();
    if (c == '"') {
      return parseString();
    }
    if (c == '[') {
      return parseArray();
    }
    if (c == '{') {
      return parseObject();
    }
    if (isDigit(c) || (c == '-' && isDigit(peekAt(pos + 1)))) {
      return parseNumber();
    }
    if (isIdentifierStart(c)) {
      int start = pos;
      Identifier path = readPath();
      int save = pos;
      skipSpaces();
      if (peek() == '(') {
        ArgumentList arguments = parseArgumentList();
        return new FunctionCall(path, arguments, span(start, pos));
      }
      pos = save;
      return new ConstantValue(path.name(), path.span());
    }
    throw new LineFailure(unexpectedHere("a value"));
  }

  private NumericLiteral parseNumber() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    while (isDigit(peek())) {
      pos++;
    }
    if (peek() == '.' && isDigit(peekAt(pos + 1))) {
      pos++;
      while (isDigit(peek())) {
        pos++;
      }
    }
    if (isIdentifierPart(peek()) || peek() == '.') {
      throw new LineFailure("`" + text.substring(start, Math.min(len, pos + 1)) + "` is not a valid number");
    }
    return new NumericLiteral(text.substring(start, pos), span(start, pos));
  }

  private StringLiteral parseString() {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == EOF || c == '\n' || c == '\r') {
        pos = start;
        throw new LineFailure("this string is not terminated");
      }
      pos++;
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        value.append((char) c);
        continue;
      }
      int escaped = peek();
      if (escaped == EOF || escaped == '\n' || escaped == '\r') {
        pos = start;
        throw new LineFailure("this string is not terminated");
      }
      pos++;
      switch (escaped) {
        case 'n' -> value.append('\n');
        case 't' -> value.append('\t');
        case 'r' -> value.append('\r');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case '0' -> value.append('\0');
        case 'u' -> value.append(unicodeEscape());
        default -> value.append((char) escaped);
      }
    }
    return new StringLiteral(value.toString(), text.substring(start, pos), span(start, pos));
  }

  /** After {@code \\u}: four hex digits, or the literal {@code u} when they are not there. */
  private String unicodeEscape() {
    if (pos + 4 <= len) {
      int code = 0;
      for (int i = 0; i < 4; i++) {
        int digit = Character.digit(text.charAt(pos + i), 16);
        if (digit < 0) {
          return "u";
        }
        code = code * 16 + digit;
      }
      pos += 4;
      return String.valueOf((char) code);
    }
    return "u";
  }

  private ArrayExpression parseArray() {
    int start = pos;
    pos++;
    enterNesting();
    List<Expression> elements = new ArrayList<>();
    skipWhitespace();
    while (peek() != ']') {
      requireSameLine();
      elements.add(parseExpression());
      skipWhitespace();
      if (peek() == ',') {
        pos++;
        skipWhitespace();
        if (peek() == ']') {
          throw new LineFailure("a list cannot end with a comma");
        }
      } else if (peek() != ']') {
        requireSameLine();
        throw new LineFailure(unexpectedHere("`,` or `]`"));
      }
    }
    pos++;
    nesting--;
    return new ArrayExpression(elements, span(start, pos));
  }

  /** A list stays on one line: Prisma rejects every line of a list that spans lines, and so do we. */
  private void requireSameLine() {
    if (pos >= len || atEol(pos)) {
      throw new LineFailure("a list must be closed with `]` on the line where it starts");
    }
  }

  private ObjectExpression parseObject() {
    int start = pos;
    pos++;
    enterNesting();
    multiLineDepth++;
    List<ObjectExpression.Entry> entries = new ArrayList<>();
    skipWhitespace();
    while (peek() != '}') {
      int entryStart = pos;
      Identifier key = readIdentifier();
      if (key == null) {
        throw new LineFailure(unexpectedHere("a key"));
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Expression value = parseExpression();
      entries.add(new ObjectExpression.Entry(key, value, span(entryStart, value.span().end())));
      skipWhitespace();
      if (peek() == ',') {
        pos++;
        skipWhitespace();
      } else if (peek() != '}') {
        throw new LineFailure(leftLine(start) ? "this object is not closed" : unexpectedHere("`,` or `}`"));
      }
    }
    pos++;
    multiLineDepth--;
    nesting--;
    return new ObjectExpression(entries, span(start, pos));
  }

  // ---------------------------------------------------------------------------------------------
  // Comments and blank lines

  /** A {@code //} or {@code ///} comment from {@code pos} to the end of the line. */
  private Comment lineComment(Comment.Kind kind) {
    int start = pos;
    pos = lineEnd(pos);
    return new Comment(kind, text.substring(start, pos), span(start, pos));
  }

  /** A {@code /* … *}{@code /} comment, possibly over several lines; unterminated ones run to the end of the file. */
  private Comment blockComment() {
    int start = pos;
    int close = text.indexOf("*/", pos + 2);
    int end;
    if (close < 0) {
      end = len;
      diagnostics.add(
          Diagnostic.error(ParseCodes.UNTERMINATED_BLOCK_COMMENT, MSG_INVALID_TOP_LINE, span(start, lineEnd(start)))
              .withLabel("this comment is never closed with `*/`"));
    } else {
      end = close + 2;
    }
    pos = end;
    String body = text.substring(start, end);
    if (close < 0 && body.endsWith("\n")) {
      body = body.stripTrailing();
    }
    return new Comment(Comment.Kind.BLOCK, body, span(start, end));
  }

  /** A trailing {@code //}, {@code ///} or {@code /* *}{@code /} comment after a member, if any. */
  private Optional<Comment> parseTrailingComment() {
    skipSpaces();
    if (startsWith("///")) {
      return Optional.of(lineComment(Comment.Kind.DOC));
    }
    if (startsWith("//")) {
      return Optional.of(lineComment(Comment.Kind.LINE));
    }
    if (startsWith("/*")) {
      int close = text.indexOf("*/", pos + 2);
      if (close < 0) {
        throw new LineFailure("this comment is never closed with `*/`");
      }
      int start = pos;
      pos = close + 2;
      return Optional.of(new Comment(Comment.Kind.BLOCK, text.substring(start, pos), span(start, pos)));
    }
    return Optional.empty();
  }

  /** Consecutive empty (or whitespace-only) lines from {@code start}, as one item. */
  private BlankLine blankLines(int start) {
    int count = 0;
    pos = start;
    int end = start;
    while (pos < len) {
      int lineStart = pos;
      skipSpaces();
      if (!atEol(pos)) {
        pos = lineStart;
        break;
      }
      count++;
      pos = nextLineStart(pos);
      end = pos;
    }
    if (count == 0) {
      // Defensive: the caller saw an empty line, so at least one must be consumed to make progress.
      count = 1;
      pos = Math.min(len, Math.max(pos, start + 1));
      end = pos;
    }
    return new BlankLine(count, span(start, end));
  }

  private static Optional<String> documentation(List<String> lines) {
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
  }

  private static Optional<String> withTrailingDoc(Optional<String> doc, Optional<Comment> trailing) {
    if (trailing.isEmpty() || trailing.get().kind() != Comment.Kind.DOC) {
      return doc;
    }
    String extra = trailing.get().docText();
    return Optional.of(doc.map(d -> d + "\n" + extra).orElse(extra));
  }

  // ---------------------------------------------------------------------------------------------
  // Lines

  /** The current line from {@code pos} (trimmed) as an {@link InvalidLine}; moves to the next line. */
  private InvalidLine invalidLineHere() {
    skipSpaces();
    int start = pos;
    int end = lineEnd(pos);
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    pos = nextLineStart(pos);
    return new InvalidLine(text.substring(start, end), span(start, end));
  }

  /** Whether an unreadable member line ends with a closing brace that has no opening brace on the line. */
  private static boolean closesBlock(String line) {
    if (!line.endsWith("}")) {
      return false;
    }
    int balance = 0;
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{') {
        balance++;
      } else if (c == '}') {
        balance--;
      }
    }
    return !inString && balance < 0;
  }

  /** Whether the line at {@code lineStart} ends with {@code {} (ignoring spaces), i.e. opens a block. */
  private boolean lineOpensBlock(int lineStart) {
    int end = lineEnd(lineStart);
    while (end > lineStart && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return end > lineStart && text.charAt(end - 1) == '{';
  }

  /** Whether a block header ({@code model Name {}) starts in column 0 at {@code p}: a missing brace ends here. */
  private boolean looksLikeBlockHeader(int p) {
    int save = pos;
    try {
      pos = p;
      Identifier keyword = readIdentifier();
      if (keyword == null || !BLOCK_KEYWORDS.contains(keyword.name())) {
        return false;
      }
      if (!isSpace(peek())) {
        return false;
      }
      skipSpaces();
      if (readIdentifier() == null) {
        return false;
      }
      skipSpaces();
      return peek() == '{';
    } finally {
      pos = save;
    }
  }

  private boolean isLineStart(int p) {
    return p == 0 || (p == 1 && text.charAt(0) == '\uFEFF') || text.charAt(p - 1) == '\n' || text.charAt(p - 1) == '\r';
  }

  private void expectEndOfLine() {
    skipSpaces();
    if (!atEol(pos)) {
      throw new LineFailure(unexpectedHere("the end of the line"));
    }
    consumeEol();
  }

  private void consumeEol() {
    pos = nextLineStart(pos);
  }

  /** After a closing brace or block comment: moves past the line end when nothing else follows on the line. */
  private void consumeEolIfOnlySpacesRemain() {
    int save = pos;
    skipSpaces();
    if (atEol(pos)) {
      consumeEol();
    } else {
      pos = save;
    }
  }

  private boolean atEol(int p) {
    if (p >= len) {
      return true;
    }
    char c = text.charAt(p);
    return c == '\n' || c == '\r';
  }

  private int lineEnd(int p) {
    int e = Math.max(0, Math.min(p, len));
    while (e < len && text.charAt(e) != '\n' && text.charAt(e) != '\r') {
      e++;
    }
    return e;
  }

  private int nextLineStart(int p) {
    int e = lineEnd(p);
    if (e >= len) {
      return len;
    }
    if (text.charAt(e) == '\r' && e + 1 < len && text.charAt(e + 1) == '\n') {
      return e + 2;
    }
    return e + 1;
  }

  // ---------------------------------------------------------------------------------------------
  // Characters

  private Identifier readIdentifier() {
    if (!isIdentifierStart(peek())) {
      return null;
    }
    int start = pos;
    while (isIdentifierPart(peek())) {
      pos++;
    }
    return new Identifier(text.substring(start, pos), span(start, pos));
  }

  /** A dotted name such as {@code db.VarChar} or {@code a.b.c}. */
  private Identifier readPath() {
    int start = pos;
    Identifier first = readIdentifier();
    if (first == null) {
      return null;
    }
    while (peek() == '.' && isIdentifierStart(peekAt(pos + 1))) {
      pos++;
      readIdentifier();
    }
    return new Identifier(text.substring(start, pos), span(start, pos));
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new LineFailure(unexpectedHere("`" + c + "`"));
    }
    pos++;
  }

  private String unexpectedHere(String expected) {
    if (pos >= len || atEol(pos)) {
      return "expected " + expected + ", found the end of the line";
    }
    int cp = text.codePointAt(pos);
    return "expected " + expected + ", found `" + new String(Character.toChars(cp)) + "`";
  }

  /** Whether reading has reached the end of the file or moved past the line on which {@code start} lies. */
  private boolean leftLine(int start) {
    return pos >= len || lineEnd(start) < pos || atEol(pos);
  }

  private void enterNesting() {
    if (++nesting > MAX_NESTING) {
      throw new LineFailure("nested too deeply");
    }
  }

  private void resetAfterFailure() {
    nesting = 0;
    multiLineDepth = 0;
    lineDiagnostics.clear();
  }

  private void flushLineDiagnostics() {
    lineDiagnostics.forEach(diagnostics::add);
    lineDiagnostics.clear();
  }

  private void skipSpaces() {
    while (pos < len && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  /** Spaces, and line breaks too inside a multi-line list or object. */
  private void skipWhitespace() {
    while (pos < len) {
      char c = text.charAt(pos);
      if (isSpace(c) || (multiLineDepth > 0 && (c == '\n' || c == '\r'))) {
        pos++;
      } else {
        return;
      }
    }
  }

  private int peek() {
    return pos < len ? text.charAt(pos) : EOF;
  }

  private int peekAt(int p) {
    return p >= 0 && p < len ? text.charAt(p) : EOF;
  }

  private boolean startsWith(String s) {
    return text.startsWith(s, pos);
  }

  private Span span(int start, int end) {
    int s = Math.max(0, Math.min(start, len));
    int e = Math.max(s, Math.min(end, len));
    return new Span(source, s, e);
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\u00A0' || c == '\uFEFF' || (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** Like Prisma: a name starts with a letter (any script) or a digit, never with {@code _} or {@code -}. */
  static boolean isIdentifierStart(int c) {
    if (c < 0) {
      return false;
    }
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c) || Character.isSurrogate((char) c);
  }

  static boolean isIdentifierPart(int c) {
    return isIdentifierStart(c) || c == '_' || c == '-';
  }

  /** The known block keyword nearest to a misspelt one (edit distance at most 2), or {@code null}. */
  private static String closestKeyword(String word) {
    String best = null;
    int bestDistance = 3;
    for (String keyword : List.of("model", "enum", "view", "type", "datasource", "generator")) {
      int distance = EditDistance.optimalStringAlignment(word.toLowerCase(java.util.Locale.ROOT), keyword);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = keyword;
      }
    }
    return best;
  }
}
