package dev.strata.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of a case's runs (wall time in ms, peak memory in MiB). */
public record Stats(int runs, double median, double min, double max, double medianRssMib) {
  public static Stats of(List<Sample> samples) {
    List<Double> ms = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    for (Sample s : samples) {
      ms.add(s.millis());
      if (s.peakRssKib() >= 0) {
        rss.add(s.peakRssKib());
      }
    }
    Collections.sort(ms);
    Collections.sort(rss);
    return new Stats(ms.size(), median(ms), ms.get(0), ms.get(ms.size() - 1),
        rss.isEmpty() ? -1 : median(rss.stream().map(k -> k / 1024.0).toList()));
  }

  private static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
