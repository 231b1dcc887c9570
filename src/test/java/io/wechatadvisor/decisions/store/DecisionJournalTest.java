package io.wechatadvisor.decisions.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The journal gives back exactly the whole frames written, however a kill cut or damaged its end, and nothing of an erased one. */
class DecisionJournalTest {

    @Property(tries = 300)
    void aSegmentGivesBackItsRowsInOrderEachAtItsPosition(@ForAll("groups") List<List<DecisionRow>> groups)
            throws IOException {
        Path folder = Files.createTempDirectory("journal");
        List<DecisionJournal.Frame> appended = new ArrayList<>();
        try (DecisionJournal journal = new DecisionJournal(folder)) {
            for (List<DecisionRow> group : groups) {
                appended.addAll(journal.append(group));
            }
        }
        List<DecisionRow> written = groups.stream().flatMap(List::stream).toList();
        assertThat(appended).extracting(DecisionJournal.Frame::row).isEqualTo(written);
        assertThat(DecisionJournal.segments(folder)).containsExactly(1L);
        assertThat(DecisionJournal.read(DecisionJournal.file(folder, 1))).isEqualTo(written);
        assertThat(DecisionJournal.frames(folder, 1, 0)).isEqualTo(appended);
        try (DecisionJournal.Reader reader = new DecisionJournal.Reader(folder)) {
            for (DecisionJournal.Frame frame : appended) {
                assertThat(reader.at(frame.position())).contains(frame.row());
            }
        }
        // A journal opened again appends to a new segment; deleting the old ones leaves it alone.
        try (DecisionJournal journal = new DecisionJournal(folder)) {
            assertThat(journal.append(written.subList(0, 1)))
                    .extracting(frame -> DecisionJournal.segmentOf(frame.position())).containsExactly(2L);
            journal.deleteBefore(2);
        }
        assertThat(DecisionJournal.segments(folder)).containsExactly(2L);
        try (DecisionJournal.Reader reader = new DecisionJournal.Reader(folder)) {
            assertThat(reader.at(appended.get(0).position())).as("a deleted segment's record").isEmpty();
        }
    }

    @Property(tries = 200)
    void anErasedFrameLeavesNoByteOfItsRowAndTheOthersStay(@ForAll("rows") List<DecisionRow> rows, @ForAll long erasing)
            throws IOException {
        Path folder = Files.createTempDirectory("journal");
        List<DecisionJournal.Frame> appended;
        try (DecisionJournal journal = new DecisionJournal(folder)) {
            appended = journal.append(rows);
        }
        List<DecisionJournal.Frame> erased = new ArrayList<>();
        List<DecisionJournal.Frame> kept = new ArrayList<>();
        for (int i = 0; i < appended.size(); i++) {
            ((erasing >>> i & 1) == 1 ? erased : kept).add(appended.get(i));
        }
        DecisionJournal.erase(folder, erased.stream().map(DecisionJournal.Frame::position).toList());

        assertThat(DecisionJournal.frames(folder, 1, 0)).as("a reading after a start").isEqualTo(kept);
        byte[] bytes = Files.readAllBytes(DecisionJournal.file(folder, 1));
        try (DecisionJournal.Reader reader = new DecisionJournal.Reader(folder)) {
            for (DecisionJournal.Frame frame : erased) {
                assertThat(reader.at(frame.position())).isEmpty();
                int offset = (int) DecisionJournal.offsetOf(frame.position());
                int length = DecisionJournal.encode(frame.row()).length;
                for (int i = offset + 8; i < offset + 8 + length; i++) {
                    assertThat(bytes[i]).as("byte %d of an erased frame", i).isZero();
                }
            }
            for (DecisionJournal.Frame frame : kept) {
                assertThat(reader.at(frame.position())).contains(frame.row());
            }
        }
    }

    @Property(tries = 300)
    void aCutEndLosesOnlyTheFrameItCut(@ForAll("rows") List<DecisionRow> rows,
            @ForAll @IntRange(min = 0, max = 100_000) int cutAt) throws IOException {
        byte[] bytes = frames(rows);
        int cut = cutAt % (bytes.length + 1);
        List<DecisionRow> read = DecisionJournal.read(new ByteArrayInputStream(bytes, 0, cut));
        assertThat(read).isEqualTo(rows.subList(0, wholeFramesIn(rows, cut)));
    }

    @Property(tries = 300)
    void aDamagedFrameEndsTheReading(@ForAll("rows") List<DecisionRow> rows,
            @ForAll @IntRange(min = 0, max = 100_000) int at) throws IOException {
        byte[] bytes = frames(rows);
        int damaged = at % bytes.length;
        bytes[damaged] ^= 0x5A;
        List<DecisionRow> read = DecisionJournal.read(new ByteArrayInputStream(bytes));
        int before = wholeFramesIn(rows, damaged);
        assertThat(read).isEqualTo(rows.subList(0, before));
    }

    /** How many frames lie wholly before byte {@code offset}. */
    private static int wholeFramesIn(List<DecisionRow> rows, int offset) {
        int end = 0;
        for (int i = 0; i < rows.size(); i++) {
            end += 8 + DecisionJournal.encode(rows.get(i)).length;
            if (end > offset) {
                return i;
            }
        }
        return rows.size();
    }

    private static byte[] frames(List<DecisionRow> rows) throws IOException {
        Path folder = Files.createTempDirectory("journal");
        try (DecisionJournal journal = new DecisionJournal(folder)) {
            journal.append(rows);
        }
        return Files.readAllBytes(DecisionJournal.file(folder, 1));
    }

    @Provide
    Arbitrary<List<List<DecisionRow>>> groups() {
        return rows().list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<DecisionRow>> rows() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> nullable = text.injectNull(0.3);
        Arbitrary<DecisionRow.Facets> facets = Combinators.combine(nullable, nullable,
                Arbitraries.of("PAYMENT", "PUSH", "LOCATIONS").list().uniqueElements().ofMaxSize(3))
                .as(DecisionRow.Facets::new);
        // Ids are never the nil UUID, which marks an erased frame.
        Arbitrary<DecisionRow> row = Combinators.combine(Arbitraries.longs().filter(high -> high != 0), Arbitraries.longs(),
                Arbitraries.longs().between(0, 4_000_000_000L), text, nullable,
                Arbitraries.strings().all().ofMaxLength(20_000), facets)
                .as((high, low, seconds, tenant, externalId, json, f) -> new DecisionRow(new UUID(high, low), tenant,
                        Instant.ofEpochSecond(seconds, Math.floorMod(low, 1_000_000_000)), "API", externalId,
                        "MICRO_STORE", "v1", json, f));
        return row.list().ofMinSize(1).ofMaxSize(6).map(ArrayList::new);
    }
}
