package dev.strata.prisma.format;

import dev.strata.diag.Span;
import dev.strata.prisma.ast.Attribute;
import dev.strata.prisma.ast.BlankLine;
import dev.strata.prisma.ast.BlockAttribute;
import dev.strata.prisma.ast.Comment;
import dev.strata.prisma.ast.ConfigProperty;
import dev.strata.prisma.ast.Declaration;
import dev.strata.prisma.ast.EnumValueDecl;
import dev.strata.prisma.ast.FieldDecl;
import dev.strata.prisma.ast.InvalidLine;
import dev.strata.prisma.ast.Member;
import dev.strata.prisma.ast.ModelDecl;
import dev.strata.prisma.ast.PrismaFile;
import dev.strata.prisma.ast.Top;
import dev.strata.prisma.ast.TypeAliasDecl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Writes one schema file the way {@code prisma format} does.
 *
 * <p>Prisma's formatter works on a grammar in which some tokens swallow the line end after them
 * (fields, comments, unparsable lines) and others do not (a block's closing brace, a type alias).
 * Every run of line ends that no token swallowed becomes exactly one empty line. We reproduce this
 * by looking at the source text between nodes rather than trusting how the parser grouped blank
 * lines, which keeps the output stable for any AST shape.
 */
final class FileFormatter {

  /** An element of a block body: a member as written, or a field the formatter adds. */
  private sealed interface Item permits Written, Added {
    /** Whether at least one empty line precedes it in the (completed) source. */
    boolean blankBefore();
  }

  private record Written(Member member, boolean blankBefore) implements Item {}

  private record Added(Additions.AddedField field, boolean blankBefore) implements Item {}

  /** A block attribute with the comment lines that travel with it. */
  private record PlacedAttribute(List<Comment> comments, BlockAttribute attribute) {}

  private final PrismaFile file;
  private final String text;
  private final Additions additions;
  private final IndentedWriter out = new IndentedWriter();

  FileFormatter(PrismaFile file, Additions additions) {
    this.file = file;
    this.text = file.source().text();
    this.additions = additions;
  }

  String format() {
    List<Top> items = topLevelItems();
    int i = 0;
    while (i < items.size()) {
      Top item = items.get(i);
      int next = i + 1;
      if (item instanceof Comment first) {
        List<Comment> group = new ArrayList<>(List.of(first));
        while (next < items.size()
            && items.get(next) instanceof Comment c
            && !emptyLinesBetween(items.get(next - 1), c.span())) {
          group.add(c);
          next++;
        }
        TextTable table = new TextTable();
        addComments(table, group);
        table.renderTo(out);
      } else if (item instanceof Declaration declaration) {
        formatBlock(declaration);
      } else if (item instanceof TypeAliasDecl alias) {
        // Prisma writes a type alias back verbatim and does not end its line itself.
        out.raw(alias.span().text());
      } else if (item instanceof InvalidLine invalid) {
        writeTopLevelInvalid(invalid);
      }
      if (next < items.size() && emptyLinesBetween(items.get(next - 1), items.get(next).span())) {
        out.newline();
      }
      i = next;
    }
    if (!out.endsWithNewline()) {
      out.newline();
    }
    return out.text();
  }

  /**
   * The top-level items as Prisma's grammar sees them. A block whose closing brace is missing,
   * with no later line starting with {@code }}, cannot be read as a block at all: Prisma then
   * reads it and everything after it line by line, keeping each line verbatim.
   */
  private List<Top> topLevelItems() {
    List<Top> items = new ArrayList<>();
    for (Top item : file.items()) {
      if (item instanceof BlankLine) {
        continue;
      }
      if (item instanceof Declaration declaration && !isClosed(declaration) && !closingLineAfter(declaration)) {
        items.addAll(linesFrom(lineStartOf(declaration.span().start())));
        return items;
      }
      items.add(item);
    }
    return items;
  }

  private boolean isClosed(Declaration declaration) {
    int end = Math.min(declaration.span().end(), text.length());
    return end > 0 && text.charAt(end - 1) == '}';
  }

  private boolean closingLineAfter(Declaration declaration) {
    int offset = endOfLine(declaration.name().span().end());
    while (offset < text.length()) {
      int first = offset;
      while (first < text.length() && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
        first++;
      }
      if (first < text.length() && text.charAt(first) == '}') {
        return true;
      }
      offset = endOfLine(offset);
    }
    return false;
  }

  private int lineStartOf(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    return text.lastIndexOf('\n', clamped - 1) + 1;
  }

  /** Reads the source from {@code offset} line by line: comments stay comments, anything else is an unreadable line. */
  private List<Top> linesFrom(int offset) {
    List<Top> items = new ArrayList<>();
    int pos = offset;
    while (pos < text.length()) {
      int first = pos;
      while (first < text.length() && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
        first++;
      }
      String line = stripLineEnd(restOfLine(first));
      if (line.isBlank()) {
        pos = endOfLine(pos);
        continue;
      }
      if (line.startsWith("/*")) {
        int close = text.indexOf("*/", first + 2);
        int end = close < 0 ? first + line.length() : close + 2;
        items.add(new Comment(Comment.Kind.BLOCK, text.substring(first, end), new Span(file.source(), first, end)));
        pos = end;
        if (pos < text.length() && text.charAt(pos) == '\n') {
          pos++;
        }
        continue;
      }
      Span span = new Span(file.source(), first, first + line.length());
      if (line.startsWith("//")) {
        items.add(new Comment(line.startsWith("///") ? Comment.Kind.DOC : Comment.Kind.LINE, line, span));
      } else {
        items.add(new InvalidLine(line.strip(), span));
      }
      pos = endOfLine(pos);
    }
    return items;
  }

  private void writeTopLevelInvalid(InvalidLine invalid) {
    if (consumesLineEnd(invalid)) {
      out.raw(restOfLine(invalid.span().start()));
      out.newline();
    } else {
      out.raw(invalid.span().text());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Blocks

  private void formatBlock(Declaration declaration) {
    out.line(declaration.keyword() + " " + declaration.name().name() + " {");
    out.indent();
    formatContents(blockItems(declaration));
    out.dedent();
    out.line("}");
  }

  private List<Item> blockItems(Declaration declaration) {
    int open = text.indexOf('{', Math.min(declaration.name().span().end(), text.length()));
    int bodyStart = open < 0 ? declaration.span().start() : endOfLine(open);
    List<Item> items = new ArrayList<>();
    int previousEnd = open < 0 ? declaration.span().start() : open;
    boolean previousConsumes = true;
    for (Member member : declaration.members()) {
      // The rest of the line after an opening brace is dropped by Prisma, comments included.
      if (member instanceof BlankLine || member.span().start() < bodyStart) {
        continue;
      }
      boolean blank = newlines(previousEnd, member.span().start()) - (previousConsumes ? 1 : 0) > 0;
      items.add(new Written(member, blank));
      previousEnd = member.span().end();
      previousConsumes = consumesLineEnd(member);
    }
    if (declaration instanceof ModelDecl model) {
      List<Additions.AddedField> added = additions.fieldsFor(model);
      if (!added.isEmpty()) {
        // Prisma inserts the missing fields right before the closing brace, so blank lines between
        // the last member and the brace end up before them.
        int close = closingBrace(declaration);
        boolean blank = newlines(previousEnd, close) - (previousConsumes ? 1 : 0) > 0;
        for (Additions.AddedField field : added) {
          items.add(new Added(field, blank));
          blank = false;
        }
      }
    }
    return items;
  }

  private void formatContents(List<Item> items) {
    TextTable table = new TextTable();
    List<PlacedAttribute> attributes = new ArrayList<>();
    List<Comment> pendingComments = List.of();
    int i = 0;
    while (i < items.size()) {
      Item item = items.get(i);
      int next = i + 1;
      List<Comment> group = List.of();
      if (item instanceof Written w && w.member() instanceof Comment first) {
        group = new ArrayList<>(List.of(first));
        while (next < items.size()
            && items.get(next) instanceof Written n
            && n.member() instanceof Comment c
            && !n.blankBefore()) {
          group.add(c);
          next++;
        }
      }
      boolean commentMovesWithAttribute =
          !group.isEmpty()
              && next < items.size()
              && items.get(next) instanceof Written n
              && n.member() instanceof BlockAttribute
              && !n.blankBefore();
      boolean isAttribute = item instanceof Written w && w.member() instanceof BlockAttribute;
      // An empty line starts a new table (and stays as an empty line), except before block
      // attributes and the comments that belong to them: those get one canonical empty line later.
      if (i > 0 && item.blankBefore() && !isAttribute && !commentMovesWithAttribute) {
        table.renderTo(out);
        table.startRow();
      }
      if (!group.isEmpty()) {
        if (commentMovesWithAttribute) {
          pendingComments = group;
        } else {
          addComments(table, group);
        }
      } else if (item instanceof Added added) {
        table.addRow(List.of(added.field().name(), added.field().type(), String.join(" ", sorted(added.field().attributes()))));
      } else if (item instanceof Written w) {
        Member member = w.member();
        if (member instanceof BlockAttribute attribute) {
          attributes.add(new PlacedAttribute(pendingComments, attribute));
          pendingComments = List.of();
        } else {
          addMember(table, member);
        }
      }
      i = next;
    }
    table.renderTo(out);
    if (!attributes.isEmpty()) {
      table.startRow();
      attributes.sort(Comparator.comparingInt(a -> AttributeOrder.of(a.attribute().name())));
      for (PlacedAttribute placed : attributes) {
        addComments(table, placed.comments());
        BlockAttribute attribute = placed.attribute();
        table.addRow(List.of(AstPrinter.blockAttribute(attribute.attribute())));
        attribute.trailingComment().ifPresent(c -> table.appendSuffix(commentText(c)));
      }
      table.renderTo(out);
    }
  }

  private void addMember(TextTable table, Member member) {
    if (member instanceof FieldDecl field && brokenByInsertedArguments(field).isPresent()) {
      table.addVerbatim(brokenByInsertedArguments(field).get());
    } else if (member instanceof FieldDecl field) {
      table.addRow(
          List.of(
              field.name().name(),
              field.type().map(AstPrinter::type).orElse(""),
              String.join(" ", fieldAttributes(field))));
      field.trailingComment().ifPresent(c -> table.appendSuffix(commentText(c)));
    } else if (member instanceof EnumValueDecl value) {
      // Prisma writes the attributes of an enum value into one column without separators.
      StringBuilder attributes = new StringBuilder();
      value.attributes().forEach(a -> attributes.append(AstPrinter.fieldAttribute(a)));
      table.addRow(List.of(value.name().name(), attributes.toString()));
      value.trailingComment().ifPresent(c -> table.appendSuffix(commentText(c)));
    } else if (member instanceof ConfigProperty property) {
      List<String> columns = new ArrayList<>(List.of(property.key().name()));
      property.value().ifPresent(v -> columns.add("= " + AstPrinter.expression(v)));
      table.addRow(columns);
      property.trailingComment().ifPresent(c -> table.appendSuffix(commentText(c)));
    } else if (member instanceof InvalidLine invalid) {
      table.addVerbatim(stripLineEnd(restOfLine(invalid.span().start())));
    } else if (member instanceof Comment comment) {
      addComments(table, List.of(comment));
    }
  }

  /**
   * Prisma inserts missing {@code @relation} arguments as text: after {@code @relation} it adds
   * {@code (…)}, and for an empty {@code @relation()} that yields {@code @relation()(…)}, a line
   * it can no longer read and therefore keeps verbatim. We reproduce that line.
   */
  private Optional<String> brokenByInsertedArguments(FieldDecl field) {
    List<String> extra = additions.relationArgumentsFor(field);
    Optional<Attribute> relation = field.attribute("relation");
    if (extra.isEmpty() || relation.isEmpty() || relation.get().arguments().isEmpty() || !relation.get().args().isEmpty()) {
      return Optional.empty();
    }
    int lineEnd = endOfLine(field.span().start());
    String line = stripLineEnd(restOfLine(field.span().start()));
    int at = relation.get().span().end() - field.span().start();
    if (at < 0 || at > line.length() || relation.get().span().end() > lineEnd) {
      return Optional.empty();
    }
    return Optional.of(line.substring(0, at) + "(" + String.join(", ", extra) + ")" + line.substring(at));
  }

  private List<String> fieldAttributes(FieldDecl field) {
    List<String> attributes = new ArrayList<>();
    additions.relationAttributeFor(field).ifPresent(attributes::add);
    List<String> extra = additions.relationArgumentsFor(field);
    boolean extended = false;
    for (Attribute attribute : field.attributes()) {
      if (!extended && !extra.isEmpty() && attribute.name().name().equals("relation")) {
        extended = true;
        attributes.add("@relation" + AstPrinter.arguments(attribute.args(), extra));
      } else {
        attributes.add(AstPrinter.fieldAttribute(attribute));
      }
    }
    return sorted(attributes);
  }

  /** Sorts rendered attributes ({@code @name(…)} or {@code @@name(…)}) into Prisma's canonical order, stably. */
  private static List<String> sorted(List<String> attributes) {
    List<String> copy = new ArrayList<>(attributes);
    copy.sort(Comparator.comparingInt(a -> AttributeOrder.of(attributeName(a))));
    return copy;
  }

  private static String attributeName(String rendered) {
    int start = 0;
    while (start < rendered.length() && rendered.charAt(start) == '@') {
      start++;
    }
    int end = rendered.indexOf('(', start);
    return rendered.substring(start, end < 0 ? rendered.length() : end);
  }

  // ---------------------------------------------------------------------------------------------
  // Comments

  private void addComments(TextTable table, List<Comment> comments) {
    for (Comment comment : comments) {
      if (comment.kind() == Comment.Kind.BLOCK) {
        table.startRow();
        table.appendSuffix("/**");
        String raw = comment.text();
        String inner = raw.length() >= 4 ? raw.substring(2, raw.length() - 2) : "";
        for (String line : inner.split("\r\n|\r|\n", -1)) {
          String content = line.strip();
          if (content.startsWith("*")) {
            content = content.substring(1).stripLeading();
          }
          if (!content.isEmpty()) {
            table.startRow();
            table.appendSuffix(" * " + content);
          }
        }
        table.startRow();
        table.appendSuffix(" */");
      } else {
        table.startRow();
        table.appendSuffix(commentText(comment));
      }
    }
  }

  /** A line comment runs to the end of its line, trailing blanks included; Prisma keeps them. */
  private String commentText(Comment comment) {
    if (comment.kind() == Comment.Kind.BLOCK) {
      return comment.text();
    }
    return stripLineEnd(restOfLine(comment.span().start()));
  }

  // ---------------------------------------------------------------------------------------------
  // Source text helpers

  private boolean emptyLinesBetween(Top previous, Span next) {
    int newlines = newlines(previous.span().end(), next.start());
    return newlines - (consumesLineEnd(previous) ? 1 : 0) > 0;
  }

  /** Whether the grammar token for this node includes the line end that follows it. */
  private boolean consumesLineEnd(Object node) {
    if (node instanceof Comment comment) {
      if (comment.kind() != Comment.Kind.BLOCK) {
        return true;
      }
      int end = comment.span().end();
      return end < text.length() && (text.charAt(end) == '\n' || text.charAt(end) == '\r');
    }
    if (node instanceof InvalidLine invalid) {
      return !looksLikeArbitraryBlock(invalid.text());
    }
    return node instanceof Member;
  }

  /** {@code name { … }}: a block without keyword, which Prisma keeps verbatim without its line end. */
  private static boolean looksLikeArbitraryBlock(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith("}") && trimmed.matches("(?s)[A-Za-z0-9][A-Za-z0-9_-]*\\s*\\{.*");
  }

  private int newlines(int from, int to) {
    int start = Math.max(0, Math.min(from, text.length()));
    int end = Math.max(start, Math.min(to, text.length()));
    int count = 0;
    for (int i = start; i < end; i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }

  /** The offset just after the line end following {@code offset}. */
  private int endOfLine(int offset) {
    int newline = text.indexOf('\n', Math.max(0, offset));
    return newline < 0 ? text.length() : newline + 1;
  }

  private String restOfLine(int offset) {
    int start = Math.max(0, Math.min(offset, text.length()));
    int newline = text.indexOf('\n', start);
    return text.substring(start, newline < 0 ? text.length() : newline);
  }

  private static String stripLineEnd(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private int closingBrace(Declaration declaration) {
    int end = Math.min(declaration.span().end(), text.length());
    int brace = text.lastIndexOf('}', Math.max(0, end - 1));
    return brace < declaration.span().start() ? end : brace;
  }

}
