package dev.strata;

import java.nio.file.Path;

/**
 * What {@link Strata#writeDocs} or {@link Strata#checkDocs} did with the schema's documentation.
 *
 * @param file the page ({@code README.md} or {@code index.html} in the output folder)
 * @param upToDate whether the file already held exactly this content
 * @param written whether it was written now
 * @param content the page as generated
 */
public record DocsResult(Path file, SchemaDocs.Format format, boolean upToDate, boolean written, String content) {}
