package dev.strata.backup.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.backup.manifest.Manifest;
import dev.strata.backup.manifest.ManifestIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checksums taken while pg_dump writes equal a second pass's, and a file that changed after its early hash is hashed again. */
class ChecksumsTest {
  @TempDir Path folder;

  @Test
  void early_hashes_of_finished_items_equal_the_second_pass_and_a_later_change_is_caught() throws Exception {
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.writeString(data.resolve("3245.dat.gz"), "rows of orders");
    Files.writeString(data.resolve("3246.dat.gz"), "rows of events");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Dumps.Checksums early = new Dumps.Checksums(folder, data, pool);
      early.finished("pg_dump: finished item 3245 TABLE DATA orders");
      early.finished("pg_dump: finished item 3246 TABLE DATA events");
      early.finished("pg_dump: dumping contents of table \"public.x\"");
      Thread.sleep(200);
      Files.writeString(data.resolve("3246.dat.gz"), "rows of events, and more written after the early hash");
      Files.writeString(data.resolve("toc.dat"), "table of contents");

      List<Manifest.FileEntry> files = early.all();
      assertThat(files).isEqualTo(Dumps.checksums(folder, data));
      assertThat(files).extracting(Manifest.FileEntry::path).containsExactly("data/3245.dat.gz", "data/3246.dat.gz", "data/toc.dat");
      assertThat(files.get(1).sha256()).isEqualTo(ManifestIo.sha256(data.resolve("3246.dat.gz")));
    } finally {
      pool.shutdownNow();
    }
  }
}
