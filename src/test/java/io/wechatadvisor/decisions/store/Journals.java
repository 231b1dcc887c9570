package io.wechatadvisor.decisions.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** For tests outside this package: the decision journal of a data directory, as a kill leaves it. */
public final class Journals {

    private Journals() {
    }

    /** Appends rows to the journal of {@code dataDir}, as if answered just before a kill. */
    public static void append(Path dataDir, List<DecisionRow> rows) throws IOException {
        try (DecisionJournal journal = new DecisionJournal(DecisionWriter.journalFolder(dataDir))) {
            journal.append(rows);
        }
    }

    /** The journal's segment files in {@code dataDir}. */
    public static List<Path> files(Path dataDir) throws IOException {
        Path folder = DecisionWriter.journalFolder(dataDir);
        return DecisionJournal.segments(folder).stream().map(segment -> DecisionJournal.file(folder, segment)).toList();
    }

    /** The journal segments left in {@code dataDir}. */
    public static List<Long> segments(Path dataDir) throws IOException {
        return DecisionJournal.segments(DecisionWriter.journalFolder(dataDir));
    }
}
